package org.acme.chat.websocket;

import static org.acme.chat.support.Frames.memberNames;
import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import org.acme.chat.history.MessageId;
import org.acme.chat.support.Frames;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/** Members of a room talk to each other over real WebSockets; other rooms hear nothing. */
@QuarkusTest
class ChatRoomTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void twoMembersExchangeMessagesBothWaysAndAnotherRoomHearsNothing() {
        String room = uniqueRoom("talk");
        try (WsClient alice = WsClient.connect(base, chatPath(room, "alice"));
                WsClient outsider = WsClient.connect(base, chatPath(uniqueRoom("elsewhere"), "eve"))) {
            JsonObject aliceWelcome = alice.next("welcome");
            outsider.next("welcome");
            try (WsClient bob = WsClient.connect(base, chatPath(room, "bob"))) {
                JsonObject bobWelcome = bob.next("welcome");
                assertEquals(List.of("alice", "bob"), memberNames(bobWelcome));
                assertEquals("bob", alice.next("join").getJsonObject("member").getString("name"));

                alice.send(Frames.message("hello bob <b>&amp;</b>"));
                JsonObject atBob = bob.next("message");
                JsonObject atAlice = alice.next("message");
                assertEquals("hello bob <b>&amp;</b>", atBob.getString("text"), "text is sent exactly as received");
                assertEquals("alice", atBob.getJsonObject("from").getString("name"));
                assertEquals(aliceWelcome.getJsonObject("you").getString("id"),
                        atBob.getJsonObject("from").getString("id"));
                assertEquals(room, atBob.getString("room"));
                assertEquals(atBob, atAlice, "the sender receives its own message too");
                assertTrue(Math.abs(System.currentTimeMillis() - atBob.getLong("ts")) < 60_000);

                bob.send(Frames.message("hi alice"));
                JsonObject reply = alice.next("message");
                assertEquals("hi alice", reply.getString("text"));
                assertEquals(bobWelcome.getJsonObject("you").getString("id"),
                        reply.getJsonObject("from").getString("id"));
                bob.next("message");
                assertTrue(MessageId.parse(reply.getString("id")).compareTo(MessageId.parse(atBob.getString("id"))) > 0);
            }
            JsonObject leave = alice.next("leave");
            assertEquals("bob", leave.getJsonObject("member").getString("name"));
            outsider.assertNothingPending();
        }
    }

    @Test
    void lateJoinerGetsTheHistoryOldestFirst() {
        String room = uniqueRoom("history");
        try (WsClient alice = WsClient.connect(base, chatPath(room, "alice"))) {
            alice.next("welcome");
            for (int i = 1; i <= 7; i++) {
                alice.send(Frames.message("m" + i));
                alice.next("message");
            }
            try (WsClient late = WsClient.connect(base, chatPath(room, "late"))) {
                JsonArray history = late.next("welcome").getJsonArray("history");
                // The test profile keeps the last 5 messages.
                assertEquals(5, history.size());
                for (int i = 0; i < 5; i++) {
                    JsonObject m = history.getJsonObject(i);
                    assertEquals("message", m.getString("type"));
                    assertEquals("m" + (i + 3), m.getString("text"));
                    assertEquals("alice", m.getJsonObject("from").getString("name"));
                }
            }
        }
    }

    @Test
    void refIsAcknowledgedToTheSenderOnlyWithTheMessageId() {
        String room = uniqueRoom("ack");
        try (WsClient alice = WsClient.connect(base, chatPath(room, "alice"))) {
            alice.next("welcome");
            try (WsClient bob = WsClient.connect(base, chatPath(room, "bob"))) {
                bob.next("welcome");
                alice.next("join");
                alice.send(Frames.message("with ref").put("ref", "c-42"));
                JsonObject delivered = alice.next("message");
                JsonObject ack = alice.next("ack");
                assertEquals("c-42", ack.getString("ref"));
                assertEquals(delivered.getString("id"), ack.getString("id"));
                assertEquals("with ref", bob.next("message").getString("text"));
                bob.assertNothingPending();
            }
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (WsClient alice = WsClient.connect(base, chatPath(uniqueRoom("ping"), "alice"))) {
            alice.next("welcome");
            alice.send(new JsonObject().put("type", "ping"));
            JsonObject pong = alice.next("pong");
            assertTrue(pong.getLong("ts") > 0);
        }
    }

    @Test
    void membersGetDistinctIdsAndTheNameIsFreeAgainAfterLeaving() {
        String room = uniqueRoom("rejoin");
        try (WsClient observer = WsClient.join(base, room, "observer")) {
            String firstId;
            try (WsClient first = WsClient.join(base, room, "same")) {
                firstId = first.welcome().getJsonObject("you").getString("id");
                observer.next("join");
            }
            // The leave event proves the server has released the name.
            assertEquals(firstId, observer.next("leave").getJsonObject("member").getString("id"));
            try (WsClient again = WsClient.join(base, room, "same")) {
                assertNotEquals(firstId, again.welcome().getJsonObject("you").getString("id"));
            }
        }
    }
}
