package org.acme.chat.websocket;

import static org.acme.chat.support.Names.uniqueRoom;
import static org.acme.chat.support.V2.frame;
import static org.acme.chat.support.V2.join;
import static org.acme.chat.support.V2.message;
import static org.acme.chat.support.V2.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.acme.chat.support.Names;
import org.acme.chat.support.V2;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * Protocol v2 over real WebSockets, every frame, as a person uses it: run on the memory broker
 * ({@link PersonProtocolTest}) and on Redis ({@link PersonProtocolRedisTest}). The test profile allows 3 rooms per
 * session and sends 5 messages of history in {@code joined}.
 */
abstract class PersonProtocolCases {

    @TestHTTPResource("/")
    URI base;

    static String key() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static String name(String prefix) {
        return prefix + Names.uniqueRoom("").replaceAll("[^0-9]", "");
    }

    @Test
    void helloNamesThePersonThenJoinedListsPeopleAndAMessageIsAcked() {
        String room = uniqueRoom("v2hello");
        String alice = name("alice");
        try (WsClient ws = WsClient.connect(base, V2.path(alice, key()))) {
            JsonObject hello = ws.next("hello");
            assertEquals(alice, hello.getJsonObject("you").getString("name"));
            assertTrue(hello.getJsonObject("you").getString("id").startsWith("p"));
            assertFalse(hello.getString("session").isEmpty());
            assertEquals(3, hello.getInteger("maxRooms"));

            ws.send(frame("join", room).put("ref", "j1"));
            JsonObject joined = ws.next("joined");
            assertEquals(room, joined.getString("room"));
            assertEquals("j1", joined.getString("ref"));
            assertEquals(new JsonArray().add(new JsonObject().put("id", hello.getJsonObject("you").getString("id"))
                    .put("name", alice).put("sessions", 1)), joined.getJsonArray("members"));
            assertEquals(0, joined.getJsonArray("history").size());
            assertNull(joined.getValue("read"));

            ws.send(message(room, "hello").put("ref", "m1"));
            // The ack and the message: in this order on one node, in either order with Redis (as in v1).
            Map<String, JsonObject> answers = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                JsonObject frame = ws.next();
                answers.put(frame.getString("type"), frame);
            }
            JsonObject ack = answers.get("ack");
            assertEquals(room, ack.getString("room"));
            assertEquals("m1", ack.getString("ref"));
            assertEquals(ack.getString("id"), answers.get("message").getString("id"));
            ws.assertNothingPending();
        }
    }

    @Test
    void twoTabsOfOnePersonAreOneMemberAndBothReceiveEverything() {
        String room = uniqueRoom("v2tabs");
        String alice = name("alice");
        String aliceKey = key();
        try (WsClient tab1 = V2.connect(base, alice, aliceKey); WsClient bob = V2.connect(base, name("bob"), key())) {
            join(tab1, room);
            join(bob, room);
            until(tab1, "join", room);
            try (WsClient tab2 = V2.connect(base, alice, aliceKey)) {
                JsonObject joined = join(tab2, room);
                JsonObject aliceThere = joined.getJsonArray("members").getJsonObject(0);
                assertEquals(alice, aliceThere.getString("name"));
                assertEquals(2, aliceThere.getInteger("sessions"), () -> "members: " + joined);
                assertEquals(2, joined.getJsonArray("members").size(), "each person once");
                bob.assertNothingPending(); // no second join for alice's second tab

                bob.send(message(room, "to both tabs"));
                assertEquals("to both tabs", until(tab1, "message", room).getString("text"));
                assertEquals("to both tabs", until(tab2, "message", room).getString("text"));
                until(bob, "message", room);

                tab1.close();
                bob.assertNothingPending(); // alice is still here in tab2
                tab2.send(frame("leave", room).put("ref", "bye"));
                JsonObject left = until(tab2, "left", room);
                assertEquals("bye", left.getString("ref"));
                assertEquals(alice, until(bob, "leave", room).getJsonObject("member").getString("name"));
            }
        }
    }

    @Test
    void theSameNameWithAnotherKeyOrAV1MemberOfThatNameIsTaken() {
        String room = uniqueRoom("v2taken");
        String alice = name("alice");
        try (WsClient owner = V2.connect(base, alice, key()); WsClient other = V2.connect(base, alice, key())) {
            join(owner, room);
            other.send(frame("join", room).put("ref", "x"));
            JsonObject error = other.next("error");
            assertEquals("name_taken", error.getString("code"));
            assertEquals(room, error.getString("room"));
            assertEquals("x", error.getString("ref"));
            other.assertNothingPending(); // still open, in no room
            assertEquals(409, WsClient.rejectedStatus(base, Names.chatPath(room, alice)), "v1's check sees v2's name");
        }
    }

    @Test
    void v1AndV2MembersOfARoomHearEachOther() {
        String room = uniqueRoom("v2mixed");
        try (WsClient v2 = V2.connect(base, name("alice"), key())) {
            join(v2, room);
            try (WsClient v1 = WsClient.join(base, room, name("bob"))) {
                until(v2, "join", room);
                v1.send(new JsonObject().put("type", "message").put("text", "from v1"));
                assertEquals("from v1", until(v2, "message", room).getString("text"));
                assertEquals("from v1", until(v1, "message").getString("text"));
                v2.send(message(room, "from v2"));
                assertEquals("from v2", until(v1, "message").getString("text"));
                v2.send(frame("typing", room));
                v2.send(message(room, "after typing"));
                assertEquals("after typing", until(v1, "message").getString("text"),
                        "a v1 member gets no v2-only frame");
            }
        }
    }

    @Test
    void roomsAreJoinedAndLeftOnDemandWithinTheSessionLimit() {
        String a = uniqueRoom("v2a");
        String b = uniqueRoom("v2b");
        try (WsClient ws = V2.connect(base, name("alice"), key())) {
            join(ws, a);
            join(ws, b);
            ws.send(message(b, "in b"));
            assertEquals(b, until(ws, "message").getString("room"));
            ws.send(frame("join", a).put("ref", "again"));
            assertEquals("already_joined", until(ws, "error").getString("code"));
            join(ws, uniqueRoom("v2c"));
            ws.send(frame("join", uniqueRoom("v2d")).put("ref", "4th"));
            JsonObject limit = until(ws, "error");
            assertEquals("too_many_joined", limit.getString("code"));
            assertEquals("4th", limit.getString("ref"));

            ws.send(frame("leave", a));
            until(ws, "left", a);
            ws.send(message(a, "gone").put("ref", "late"));
            JsonObject notIn = until(ws, "error");
            assertEquals("not_in_room", notIn.getString("code"));
            assertEquals(a, notIn.getString("room"));
            assertEquals("late", notIn.getString("ref"));
            join(ws, uniqueRoom("v2e")); // a seat is free again
        }
    }

    @Test
    void onlyTheAuthorEditsOrDeletesAndHistoryShowsTheCurrentState() {
        String room = uniqueRoom("v2edit");
        try (WsClient alice = V2.connect(base, name("alice"), key());
                WsClient bob = V2.connect(base, name("bob"), key())) {
            join(alice, room);
            join(bob, room);
            alice.send(message(room, "helo").put("ref", "m"));
            String id = until(alice, "ack").getString("id");
            alice.send(message(room, "to delete").put("ref", "d"));
            String doomed = until(alice, "ack").getString("id");

            alice.send(frame("edit", room).put("id", id).put("text", "hello"));
            JsonObject edited = until(bob, "edited", room);
            assertEquals(id, edited.getString("id"));
            assertEquals("hello", edited.getString("text"));
            assertTrue(edited.getLong("editedAt") > 0);

            bob.send(frame("edit", room).put("id", id).put("text", "mine now").put("ref", "e"));
            JsonObject forbidden = until(bob, "error");
            assertEquals("forbidden", forbidden.getString("code"));
            assertEquals("e", forbidden.getString("ref"));
            bob.send(frame("delete", room).put("id", id));
            assertEquals("forbidden", until(bob, "error").getString("code"));
            bob.send(frame("edit", room).put("id", "1-0").put("text", "nothing"));
            assertEquals("not_found", until(bob, "error").getString("code"));

            alice.send(frame("delete", room).put("id", doomed));
            assertEquals(doomed, until(bob, "deleted", room).getString("id"));
            alice.send(frame("edit", room).put("id", doomed).put("text", "back"));
            assertEquals("not_found", until(alice, "error").getString("code"), "a deleted message stays deleted");

            bob.send(frame("history", room).put("ref", "h"));
            JsonObject page = until(bob, "history", room);
            assertEquals("h", page.getString("ref"));
            JsonArray messages = page.getJsonArray("messages");
            JsonObject first = messages.getJsonObject(messages.size() - 2);
            assertEquals("hello", first.getString("text"));
            assertEquals(edited.getLong("editedAt"), first.getLong("editedAt"));
            JsonObject tombstone = messages.getJsonObject(messages.size() - 1);
            assertEquals(true, tombstone.getBoolean("deleted"));
            assertFalse(tombstone.containsKey("text"), () -> "a tombstone has no text: " + tombstone);
        }
    }

    @Test
    void reactionsAreToggledAnnouncedOnceAndListedWithTheMessage() {
        String room = uniqueRoom("v2react");
        try (WsClient alice = V2.connect(base, name("alice"), key());
                WsClient bob = V2.connect(base, name("bob"), key())) {
            String aliceId = join(alice, room).getJsonArray("members").getJsonObject(0).getString("id");
            join(bob, room);
            alice.send(message(room, "react to me").put("ref", "m"));
            String id = until(alice, "ack").getString("id");
            until(bob, "message", room);

            bob.send(frame("react", room).put("id", id).put("emoji", "👍").put("on", true));
            JsonObject reaction = until(alice, "reaction", room);
            assertEquals("👍", reaction.getString("emoji"));
            assertEquals(true, reaction.getBoolean("on"));
            assertEquals(reaction, until(bob, "reaction", room), "the reactor hears it too");
            String bobId = reaction.getJsonObject("member").getString("id");
            bob.send(frame("react", room).put("id", id).put("emoji", "👍").put("on", true));
            alice.send(frame("react", room).put("id", id).put("emoji", "👍").put("on", true));
            JsonObject second = until(bob, "reaction", room);
            assertEquals(aliceId, second.getJsonObject("member").getString("id"), "bob's repeat was not announced");
            assertEquals(second, until(alice, "reaction", room));

            bob.send(frame("react", room).put("id", id).put("emoji", "not one").put("on", true));
            assertEquals("invalid_emoji", until(bob, "error").getString("code"));

            bob.send(frame("history", room));
            JsonObject listed = until(bob, "history", room).getJsonArray("messages").getJsonObject(0);
            assertEquals(new JsonObject().put("👍", new JsonArray().add(bobId).add(aliceId)),
                    listed.getJsonObject("reactions"));

            bob.send(frame("react", room).put("id", id).put("emoji", "👍").put("on", false));
            JsonObject off = until(alice, "reaction", room);
            assertEquals(false, off.getBoolean("on"));
            assertEquals(bobId, off.getJsonObject("member").getString("id"));
        }
    }

    @Test
    void typingReachesTheOthersAtMostOnceInTwoSeconds() {
        String room = uniqueRoom("v2typing");
        String bob = name("bob");
        try (WsClient alice = V2.connect(base, name("alice"), key()); WsClient bobWs = V2.connect(base, bob, key())) {
            join(alice, room);
            join(bobWs, room);
            until(alice, "join", room);
            bobWs.send(frame("typing", room));
            bobWs.send(frame("typing", room)); // within 2 s: coalesced, not refused
            bobWs.send(message(room, "done typing"));
            JsonObject typing = alice.next("typing");
            assertEquals(room, typing.getString("room"));
            assertEquals(bob, typing.getJsonObject("member").getString("name"));
            assertEquals("done typing", alice.next("message").getString("text"), "one typing frame, then the message");
            assertEquals("message", bobWs.next().getString("type"), "no typing frame back to the typist");
        }
    }

    @Test
    void readMarkersReachTheOthersAndThePersonsOtherTabsAndComeBackInJoined() {
        String room = uniqueRoom("v2read");
        String alice = name("alice");
        String aliceKey = key();
        String two;
        try (WsClient tab1 = V2.connect(base, alice, aliceKey); WsClient tab2 = V2.connect(base, alice, aliceKey);
                WsClient bob = V2.connect(base, name("bob"), key())) {
            join(tab1, room);
            join(tab2, room);
            join(bob, room);
            bob.send(message(room, "one").put("ref", "1"));
            bob.send(message(room, "two").put("ref", "2"));
            until(bob, "ack");
            two = until(bob, "ack").getString("id");

            tab1.send(frame("read", room).put("id", two));
            JsonObject read = until(bob, "read", room);
            assertEquals(alice, read.getJsonObject("member").getString("name"));
            assertEquals(two, read.getString("id"));
            assertEquals(two, until(tab2, "read", room).getString("id"), "alice's other tab learns it");

            tab1.send(frame("read", room).put("id", "1-0"));
            assertEquals("not_found", until(tab1, "error").getString("code"));
        }
        try (WsClient again = V2.connect(base, alice, aliceKey)) {
            assertEquals(two, join(again, room).getString("read"), "the marker is kept for the person");
        }
    }

    @Test
    void scrollBackPagesOlderMessagesThanJoinedCarries() {
        String room = uniqueRoom("v2scroll");
        try (WsClient alice = V2.connect(base, name("alice"), key())) {
            join(alice, room);
            for (int i = 0; i < 12; i++) {
                alice.send(message(room, "m" + i).put("ref", "r" + i));
                until(alice, "ack");
            }
        }
        try (WsClient bob = V2.connect(base, name("bob"), key())) {
            JsonArray recent = join(bob, room).getJsonArray("history");
            assertEquals(5, recent.size(), "joined carries chat.history.size");
            assertEquals("m7", recent.getJsonObject(0).getString("text"));
            bob.send(frame("history", room).put("before", recent.getJsonObject(0).getString("id")).put("limit", 4));
            JsonObject page = until(bob, "history", room);
            assertEquals(List.of("m3", "m4", "m5", "m6"), texts(page));
            assertTrue(page.getBoolean("more"));
            bob.send(frame("history", room).put("before", page.getJsonArray("messages").getJsonObject(0)
                    .getString("id")).put("limit", 100));
            JsonObject last = until(bob, "history", room);
            assertEquals(List.of("m0", "m1", "m2"), texts(last));
            assertFalse(last.getBoolean("more"));
            bob.send(frame("history", room).put("limit", 101));
            assertEquals("invalid_message", until(bob, "error").getString("code"));
        }
    }

    private static List<String> texts(JsonObject page) {
        return page.getJsonArray("messages").stream().map(m -> ((JsonObject) m).getString("text")).toList();
    }
}
