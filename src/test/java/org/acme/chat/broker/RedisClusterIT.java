package org.acme.chat.broker;

import static io.restassured.RestAssured.given;
import static org.acme.chat.support.Frames.memberName;
import static org.acme.chat.support.Frames.memberNames;
import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acme.chat.history.MessageId;
import org.acme.chat.support.Frames;
import org.acme.chat.support.PackagedApp;
import org.acme.chat.support.TwoNodes;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (the packaged app, started twice) sharing rooms through a real Redis: messages cross nodes both ways in
 * one order, presence and names span both, history and resume work from either node, a dead node leaves no ghost,
 * and Redis going away costs cross-node delivery only until it is back.
 */
class RedisClusterIT {

    private static final Duration PRESENCE_TTL = Duration.ofSeconds(6);
    /** Messages one member sends at once in the burst test, all within the rate limit. */
    private static final int BURST = 300;
    private static TwoNodes nodes;

    @BeforeAll
    static void startCluster() throws IOException {
        nodes = TwoNodes.start("redis", Map.of("chat.presence.ttl", PRESENCE_TTL.toSeconds() + "s",
                "chat.rate.messages-per-second", "10000", "chat.rate.burst", String.valueOf(BURST)));
    }

    @AfterAll
    static void stopCluster() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void membersOnTwoNodesTalkBothWaysInOneOrderAndSeeEachOther() {
        String room = uniqueRoom("cluster");
        try (WsClient alice = WsClient.join(nodes.a().base(), room, "alice");
                WsClient bob = WsClient.join(nodes.b().base(), room, "bob")) {
            assertEquals(List.of("alice", "bob"), memberNames(bob.welcome()));
            assertEquals("bob", memberName(alice.next("join")));

            for (int i = 0; i < 5; i++) {
                alice.send(Frames.message("a" + i));
                bob.send(Frames.message("b" + i));
            }
            List<JsonObject> seenByAlice = messages(alice, 10);
            List<JsonObject> seenByBob = messages(bob, 10);
            assertEquals(ids(seenByAlice), ids(seenByBob), "the same messages in the same order on both nodes");
            for (int i = 1; i < seenByAlice.size(); i++) {
                assertTrue(MessageId.parse(seenByAlice.get(i).getString("id"))
                        .compareTo(MessageId.parse(seenByAlice.get(i - 1).getString("id"))) > 0, "ids increase");
            }
            alice.assertNothingPending();
            bob.assertNothingPending();
        }
    }

    @Test
    void aBurstFromOneMemberArrivesOnTheOtherNodeInTheOrderItWasSent() {
        String room = uniqueRoom("cluster-burst");
        try (WsClient alice = WsClient.join(nodes.a().base(), room, "alice");
                WsClient bob = WsClient.join(nodes.b().base(), room, "bob")) {
            alice.next("join");
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                sent.add("m" + i);
                alice.send(Frames.message("m" + i));
            }
            assertEquals(sent, texts(messages(bob, sent.size())));
            assertEquals(sent, texts(messages(alice, sent.size())));
        }
    }

    @Test
    void aNameTakenOnOneNodeIsRefusedOnTheOther() {
        String room = uniqueRoom("cluster-names");
        try (WsClient alice = WsClient.join(nodes.a().base(), room, "Alice")) {
            assertEquals(409, WsClient.rejectedStatus(nodes.b().base(), chatPath(room, "alice")));
            given().baseUri(nodes.b().base().toString()).queryParam("room", room).queryParam("name", "ALICE")
                    .get("/api/join-check").then().statusCode(409);
        }
    }

    @Test
    void historyWrittenThroughOneNodeIsServedByTheOther() {
        String room = uniqueRoom("cluster-history");
        try (WsClient alice = WsClient.join(nodes.a().base(), room, "alice")) {
            alice.send(Frames.message("one"));
            alice.send(Frames.message("two"));
            messages(alice, 2);
        }
        try (WsClient carol = WsClient.join(nodes.b().base(), room, "carol")) {
            assertEquals(List.of("one", "two"), texts(carol.welcome().getJsonArray("history")));
        }
    }

    @Test
    void aClientThatDropsResumesOnTheOtherNodeWithExactlyWhatItMissed() {
        String room = uniqueRoom("cluster-resume");
        try (WsClient alice = WsClient.join(nodes.b().base(), room, "alice")) {
            String lastSeen;
            try (WsClient bob = WsClient.join(nodes.a().base(), room, "bob")) {
                alice.next("join");
                alice.send(Frames.message("seen"));
                lastSeen = messages(bob, 1).get(0).getString("id");
                assertEquals(List.of("seen"), texts(messages(alice, 1)));
            }
            // Bob's name is free once node A has told the cluster he left; rejoining before that is a 409.
            assertEquals("bob", memberName(alice.next("leave")));
            alice.send(Frames.message("missed 1"));
            alice.send(Frames.message("missed 2"));
            assertEquals(List.of("missed 1", "missed 2"), texts(messages(alice, 2)));

            try (WsClient bob = WsClient.connectAndWelcome(nodes.b().base(),
                    chatPath(room, "bob") + "&since=" + lastSeen)) {
                assertEquals(List.of("missed 1", "missed 2"), texts(bob.welcome().getJsonArray("history")));
                assertEquals(Boolean.TRUE, bob.welcome().getBoolean("recovered"));
                alice.send(Frames.message("live"));
                assertEquals(List.of("live"), texts(messages(bob, 1)));
            }
        }
    }

    @Test
    void aNodeThatDiesLeavesNoGhostLongerThanThePresenceTtl() throws IOException {
        String room = uniqueRoom("cluster-ghost");
        try (WsClient watcher = WsClient.join(nodes.a().base(), room, "watcher")) {
            try (PackagedApp doomed = PackagedApp.start("redis-node-doomed", nodes.config());
                    WsClient ghost = WsClient.join(doomed.base(), room, "ghost")) {
                assertEquals("ghost", memberName(watcher.next("join")));
                doomed.close(); // SIGKILL: no leave, no cleanup
                assertEquals(1006, ghost.awaitClose(), "the killed node's socket dropped without a close frame");
            }
            long killed = System.nanoTime();
            JsonObject leave = nextOfType(watcher, "leave", PRESENCE_TTL.plusSeconds(10));
            assertEquals("ghost", memberName(leave));
            Duration gone = Duration.ofNanos(System.nanoTime() - killed);
            // The TTL, plus up to a renewal period each for the dead node's last renewal and node A's sweep, plus slack.
            assertTrue(gone.compareTo(PRESENCE_TTL.plusSeconds(5)) < 0, "ghost listed for " + gone);
            assertEquals(204, given().baseUri(nodes.b().base().toString()).queryParam("room", room)
                    .queryParam("name", "ghost").get("/api/join-check").statusCode(), "its name is free again");
        }
    }

    @Test
    void whileRedisIsAwayReadinessIsDownAndLocalMembersStillTalkThenItAllResumes() {
        String room = uniqueRoom("cluster-outage");
        try (WsClient alice = WsClient.join(nodes.a().base(), room, "alice");
                WsClient bob = WsClient.join(nodes.a().base(), room, "bob");
                WsClient carol = WsClient.join(nodes.b().base(), room, "carol")) {
            alice.send(Frames.message("before"));
            for (WsClient member : List.of(alice, bob, carol)) {
                assertEquals(List.of("before"), texts(messages(member, 1)));
            }

            nodes.redis().stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> nodes.a().readinessStatus() == 503);
            assertTrue(nodes.a().readiness().body().contains("unreachable"), nodes.a().readiness().body());
            alice.send(Frames.message("while Redis is away"));
            assertEquals(List.of("while Redis is away"), texts(messages(bob, 1)), "local delivery goes on");
            assertEquals(List.of("while Redis is away"), texts(messages(alice, 1)));

            nodes.redis().restart();
            await().atMost(Duration.ofSeconds(15)).until(() -> nodes.a().readinessStatus() == 200
                    && nodes.b().readinessStatus() == 200);
            alice.send(Frames.message("after"));
            assertEquals(List.of("after"), texts(messages(carol, 1)), "cross-node delivery resumes");
            assertEquals(List.of("after"), texts(messages(bob, 1)));
        }
    }

    /** The next {@code count} messages, skipping presence events (Redis coming back re-announces members). */
    private static List<JsonObject> messages(WsClient client, int count) {
        List<JsonObject> messages = new ArrayList<>();
        while (messages.size() < count) {
            JsonObject frame = client.next();
            if (frame.getString("type").equals("message")) {
                messages.add(frame);
            } else {
                assertTrue(frame.getString("type").matches("join|leave"), frame::encode);
            }
        }
        return messages;
    }

    private static JsonObject nextOfType(WsClient client, String type, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        for (long left = atMost.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            JsonObject frame = client.next(Duration.ofNanos(left));
            if (frame.getString("type").equals(type)) {
                return frame;
            }
        }
        throw new AssertionError("no " + type + " within " + atMost);
    }

    private static List<String> ids(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getString("id")).toList();
    }

    private static List<String> texts(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getString("text")).toList();
    }

    private static List<String> texts(JsonArray messages) {
        return messages.stream().map(m -> ((JsonObject) m).getString("text")).toList();
    }
}
