package org.acme.chat.websocket;

import static org.acme.chat.support.Names.uniqueRoom;
import static org.acme.chat.support.V2.frame;
import static org.acme.chat.support.V2.join;
import static org.acme.chat.support.V2.message;
import static org.acme.chat.support.V2.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.acme.chat.support.TwoNodes;
import org.acme.chat.support.V2;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Protocol v2 across two packaged nodes sharing one real redis-server (in CI also the native binary): one person with
 * a tab on each node, an edit on one node seen on the other, scroll-back on one node of messages posted on the other,
 * read markers and reactions crossing nodes.
 */
class PersonClusterIT {

    private static TwoNodes nodes;

    @BeforeAll
    static void startCluster() throws IOException {
        nodes = TwoNodes.start("v2", Map.of());
    }

    @AfterAll
    static void stopCluster() throws IOException {
        try (TwoNodes closing = nodes) {
            if (closing != null) {
                closing.assertNoErrorsLogged();
            }
        }
    }

    @Test
    void aPersonWithATabOnEachNodeIsOneMemberAndLeavesWithTheLastTab() {
        String room = uniqueRoom("v2cluster-tabs");
        try (WsClient bob = V2.connect(nodes.b().base(), "bob", "bob-key-123")) {
            join(bob, room);
            try (WsClient tabA = V2.connect(nodes.a().base(), "alice", "alice-key-1");
                    WsClient tabB = V2.connect(nodes.b().base(), "alice", "alice-key-1")) {
                join(tabA, room);
                assertEquals("alice", until(bob, "join", room).getJsonObject("member").getString("name"));
                JsonObject joined = join(tabB, room);
                assertEquals(List.of("bob", "alice"), names(joined.getJsonArray("members")));
                assertEquals(2, joined.getJsonArray("members").getJsonObject(1).getInteger("sessions"));

                bob.send(message(room, "to both nodes"));
                assertEquals("to both nodes", until(tabA, "message", room).getString("text"));
                assertEquals("to both nodes", until(tabB, "message", room).getString("text"));
                until(bob, "message", room);

                tabA.close();
                bob.assertNothingPending(); // alice is still here, on node B
                tabB.send(frame("leave", room));
                until(tabB, "left", room);
                assertEquals("alice", until(bob, "leave", room).getJsonObject("member").getString("name"));
            }
        }
    }

    @Test
    void anEditAReactionAndAReadMarkerOnOneNodeReachTheOther() {
        String room = uniqueRoom("v2cluster-edit");
        try (WsClient alice = V2.connect(nodes.a().base(), "alice", "alice-key-2");
                WsClient bob = V2.connect(nodes.b().base(), "bob", "bob-key-234");
                WsClient aliceOnB = V2.connect(nodes.b().base(), "alice", "alice-key-2")) {
            join(alice, room);
            join(bob, room);
            join(aliceOnB, room);
            alice.send(message(room, "teh typo").put("ref", "m"));
            String id = until(alice, "ack").getString("id");
            alice.send(frame("edit", room).put("id", id).put("text", "the typo"));
            JsonObject edited = until(bob, "edited", room);
            assertEquals("the typo", edited.getString("text"));

            bob.send(frame("react", room).put("id", id).put("emoji", "🎉").put("on", true));
            JsonObject reaction = until(alice, "reaction", room);
            assertEquals("🎉", reaction.getString("emoji"));
            bob.send(frame("read", room).put("id", id));
            assertEquals(id, until(alice, "read", room).getString("id"));
            alice.send(frame("read", room).put("id", id));
            assertEquals(id, until(aliceOnB, "read", room).getString("id"), "alice's tab on the other node learns it");
            alice.send(frame("typing", room));
            assertEquals("alice", until(bob, "typing", room).getJsonObject("member").getString("name"));

            bob.send(frame("history", room));
            JsonObject kept = until(bob, "history", room).getJsonArray("messages").getJsonObject(0);
            assertEquals("the typo", kept.getString("text"));
            assertEquals(edited.getLong("editedAt"), kept.getLong("editedAt"));
            assertEquals(new JsonArray().add(reaction.getJsonObject("member").getString("id")),
                    kept.getJsonObject("reactions").getJsonArray("🎉"));
        }
    }

    @Test
    void scrollBackOnOneNodeReachesMessagesPostedOnTheOther() {
        String room = uniqueRoom("v2cluster-scroll");
        try (WsClient alice = V2.connect(nodes.a().base(), "alice", "alice-key-3")) {
            join(alice, room);
            String first = null;
            for (int i = 0; i < 12; i++) {
                alice.send(message(room, "m" + i).put("ref", "r" + i));
                String id = until(alice, "ack").getString("id");
                first = first == null ? id : first;
            }
            alice.send(frame("delete", room).put("id", first));
            until(alice, "deleted", room);
            try (WsClient bob = V2.connect(nodes.b().base(), "bob", "bob-key-345")) {
                JsonArray recent = join(bob, room).getJsonArray("history");
                assertEquals(5, recent.size());
                bob.send(frame("history", room).put("before", recent.getJsonObject(0).getString("id"))
                        .put("limit", 100));
                JsonObject page = until(bob, "history", room);
                JsonArray older = page.getJsonArray("messages");
                assertEquals(7, older.size());
                assertTrue(older.getJsonObject(0).getBoolean("deleted"), () -> "m0 was deleted: " + older);
                assertEquals("m1", older.getJsonObject(1).getString("text"));
                assertEquals(false, page.getBoolean("more"));
            }
        }
    }

    private static List<String> names(JsonArray members) {
        return members.stream().map(m -> ((JsonObject) m).getString("name")).toList();
    }
}
