package org.acme.chat.support;

import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Members who have nothing to do with an offence: two in the offender's room (alice, bob) and one in another room
 * (carol). {@link #assertUndisturbed()} proves that they noticed nothing: their own messages arrive complete and in
 * order, and the other room still answers.
 */
public final class Bystanders implements AutoCloseable {

    private final String room;
    private final WsClient alice;
    private final WsClient bob;
    private final WsClient carol;
    /** Members that alice and bob have seen leave, by whichever method read their frames. */
    private final Map<WsClient, Set<String>> leavesSeen = new IdentityHashMap<>();

    private Bystanders(URI base, String room, String otherRoom, Function<String, Map<String, String>> headers) {
        this.room = room;
        WsClient a = null;
        WsClient b = null;
        try {
            a = WsClient.join(base, room, "alice", headers.apply("alice"));
            b = WsClient.join(base, room, "bob", headers.apply("bob"));
            this.carol = WsClient.join(base, otherRoom, "carol", headers.apply("carol"));
        } catch (RuntimeException | Error e) {
            closeAll(a, b);
            throw e;
        }
        this.alice = a;
        this.bob = b;
        alice.next("join");
        alice.send(Frames.message("before"));
        // Delivered before any offence starts: an offender joining later finds it in its welcome's history.
        assertEquals("before", alice.next("message").getString("text"));
        assertEquals("before", bob.next("message").getString("text"));
    }

    /** Bystanders in a new room named after {@code prefix}, and in a second new room. */
    public static Bystanders join(URI base, String prefix) {
        return join(base, prefix, name -> Map.of());
    }

    /** The same, with the upgrade headers (a token, say) that {@code headers} gives for each bystander's name. */
    public static Bystanders join(URI base, String prefix, Function<String, Map<String, String>> headers) {
        return new Bystanders(base, uniqueRoom(prefix), uniqueRoom(prefix + "-other"), headers);
    }

    /** Runs {@code offence} against the bystanders' room (its argument), then asserts they were undisturbed. */
    public static void around(URI base, String prefix, Consumer<String> offence) {
        try (Bystanders bystanders = join(base, prefix)) {
            offence.accept(bystanders.room());
            bystanders.assertUndisturbed();
        }
    }

    /** The room of alice and bob, where the offence happens. */
    public String room() {
        return room;
    }

    /**
     * Waits until alice and bob have each received {@code count} more messages from {@code sender}. A test that floods
     * their room with it goes no faster than they read, so what the server queues for them stays bounded however the
     * machine schedules its threads. Members seen leaving meanwhile still count for {@link #assertUndisturbed}.
     */
    public void awaitMessagesFrom(String sender, int count) {
        for (WsClient member : new WsClient[] { alice, bob }) {
            for (int received = 0; received < count;) {
                JsonObject message = nextMessageOrPresence(member);
                if (message != null) {
                    assertEquals(sender, Frames.senderName(message), message::encode);
                    received++;
                }
            }
        }
    }

    /**
     * Alice posts "after" and carol talks in the other room; both rooms carry every message of their own members:
     * alice and bob, who both received "before" on joining, now receive "after" and no other message of theirs, and
     * nothing but messages and presence events arrived in between. With {@code expectedLeaves}, alice
     * and bob must also each have seen those members leave (whenever that happened; a bounded wait).
     */
    public void assertUndisturbed(String... expectedLeaves) {
        alice.send(Frames.message("after"));
        carol.send(Frames.message("still here"));
        assertEquals("still here", carol.next("message").getString("text"), "the other room still answers");
        Set<String> expected = Set.of(expectedLeaves);
        for (WsClient member : new WsClient[] { alice, bob }) {
            List<String> texts = new ArrayList<>();
            while (!texts.contains("after") || !leavesSeenBy(member).containsAll(expected)) {
                JsonObject message = nextMessageOrPresence(member);
                if (message != null && Frames.senderName(message).matches("alice|bob")) {
                    texts.add(message.getString("text"));
                }
            }
            assertEquals(List.of("after"), texts, "the room's own messages after 'before', none lost");
        }
    }

    /**
     * Alice's or bob's next frame if it is a message, or null for a presence event: a leave is noted for
     * {@link #assertUndisturbed} (whenever it came), a join passes, and anything else fails the test.
     */
    private JsonObject nextMessageOrPresence(WsClient member) {
        JsonObject frame = member.next();
        switch (frame.getString("type")) {
            case "message" -> {
                return frame;
            }
            case "leave" -> leavesSeenBy(member).add(Frames.memberName(frame));
            case "join" -> {
                // presence only
            }
            default -> fail("neither a message nor a presence event: " + frame.encode());
        }
        return null;
    }

    private Set<String> leavesSeenBy(WsClient member) {
        return leavesSeen.computeIfAbsent(member, m -> new LinkedHashSet<>());
    }

    @Override
    public void close() {
        closeAll(alice, bob, carol);
    }

    private static void closeAll(WsClient... clients) {
        for (WsClient client : clients) {
            if (client != null) {
                client.close();
            }
        }
    }
}
