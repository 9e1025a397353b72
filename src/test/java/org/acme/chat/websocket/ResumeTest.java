package org.acme.chat.websocket;

import static io.restassured.RestAssured.given;
import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import org.acme.chat.support.Frames;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * A client that drops and comes back with {@code ?since=<id of the last message it got>} receives exactly what it
 * missed in its welcome ({@code recovered: true}), then live messages; or is told that some are missing.
 */
@QuarkusTest
class ResumeTest {

    /** {@code chat.history.size} in the test profile. */
    private static final int HISTORY = 5;

    @TestHTTPResource("/")
    URI base;

    @Test
    void reconnectingWithSinceGetsExactlyTheMissedMessagesThenLiveOnes() {
        String room = uniqueRoom("resume");
        try (WsClient alice = WsClient.join(base, room, "alice")) {
            String lastSeen;
            try (WsClient bob = WsClient.join(base, room, "bob")) {
                alice.next("join");
                alice.send(Frames.message("seen by bob"));
                alice.next("message");
                lastSeen = bob.next("message").getString("id");
            }
            alice.next("leave");
            alice.send(Frames.message("missed 1"));
            alice.send(Frames.message("missed 2"));
            alice.next("message");
            alice.next("message");

            try (WsClient bob = resume(room, "bob", lastSeen)) {
                JsonObject welcome = bob.welcome();
                assertEquals(List.of("missed 1", "missed 2"), texts(welcome.getJsonArray("history")));
                assertTrue(welcome.getBoolean("recovered"));
                assertFalse(welcome.containsKey("reason"));
                alice.send(Frames.message("live"));
                assertEquals("live", bob.next("message").getString("text"));
                bob.assertNothingPending();
            }
        }
    }

    @Test
    void aGapLargerThanTheHistoryIsReportedWithWhatIsLeft() {
        String room = uniqueRoom("resume-gap");
        try (WsClient alice = WsClient.join(base, room, "alice")) {
            alice.send(Frames.message("the last one bob saw"));
            String lastSeen = alice.next("message").getString("id");
            for (int i = 1; i <= HISTORY + 2; i++) {
                alice.send(Frames.message("m" + i));
                alice.next("message");
            }
            try (WsClient bob = resume(room, "bob", lastSeen)) {
                JsonObject welcome = bob.welcome();
                assertFalse(welcome.getBoolean("recovered"));
                assertTrue(welcome.getString("reason").contains("some are missing"), welcome::encode);
                assertEquals(List.of("m3", "m4", "m5", "m6", "m7"), texts(welcome.getJsonArray("history")));
            }
        }
    }

    @Test
    void anIdTheRoomNeverReachedIsNotRecovered() {
        String room = uniqueRoom("resume-unknown");
        try (WsClient bob = resume(room, "bob", "99999999999999-0")) {
            assertFalse(bob.welcome().getBoolean("recovered"));
            assertEquals(0, bob.welcome().getJsonArray("history").size());
        }
    }

    @Test
    void aMalformedSinceIs400BeforeTheUpgradeAndOnTheJoinCheck() {
        String room = uniqueRoom("resume-bad");
        UpgradeRejectedException refused = WsClient.rejection(base, chatPath(room, "bob") + "&since=yesterday");
        assertEquals(400, refused.getStatus());
        assertEquals("invalid since: give the id of the last message you received", refused.getBody().toString().trim());
        given().queryParam("room", room).queryParam("name", "bob").queryParam("since", "1-x")
                .get("/api/join-check").then().statusCode(400);
    }

    private WsClient resume(String room, String name, String since) {
        return WsClient.connectAndWelcome(base, chatPath(room, name) + "&since=" + since);
    }

    private static List<String> texts(JsonArray messages) {
        return messages.stream().map(m -> ((JsonObject) m).getString("text")).toList();
    }
}
