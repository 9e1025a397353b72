package org.acme.chat.broker.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.acme.chat.broker.Broker;
import org.acme.chat.broker.BrokerContract;
import org.acme.chat.broker.Joined;
import org.acme.chat.broker.Change;
import org.acme.chat.broker.RoomEvent;
import org.acme.chat.history.MessageId;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.MessageType;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.support.RedisServer;
import org.acme.chat.tracing.ChatTracing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker contract on the Redis broker, every node a broker of its own against one real {@code redis-server}; then
 * what only Redis has: an outage, and presence renewal racing a leave. A refresh carries the roster its node had when
 * it began; these tests hand it that roster directly, to play the interleavings the timer makes rare.
 */
class RedisBrokerTest extends BrokerContract {

    private static final long TTL_MS = 30_000;
    private static final long RETENTION_MS = 3_600_000;
    private static final long WAIT_SECONDS = 10;
    private static RedisServer redis;
    private static Vertx vertx;

    private final Map<Node, SimpleMeterRegistry> registries = new ConcurrentHashMap<>();
    private final Member watcher = new Member("watcher-1", "watcher");
    private final Member alice = new Member("alice-1", "alice");

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopRedis() {
        if (vertx != null) {
            vertx.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected Broker start(Node node) {
        ObjectMapper mapper = new ObjectMapper();
        SimpleMeterRegistry registry = registries.computeIfAbsent(node, n -> new SimpleMeterRegistry());
        RedisBroker broker = new RedisBroker(Redis.createClient(vertx, redis.url()), vertx, mapper,
                new EventEncoder(mapper), Clock.systemUTC(), new ChatMetrics(registry), HISTORY,
                RETAINED, MAX_MEMBERS, TTL_MS, RETENTION_MS, ChatTracing.OFF);
        broker.deliverTo(node::hear);
        broker.start();
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(broker::available);
        return broker;
    }

    @Override
    protected boolean distributed() {
        return true;
    }

    @AfterEach
    void stopNodes() {
        nodes().forEach(node -> ((RedisBroker) node.broker()).close());
    }

    @Test
    void whileRedisIsAwayJoinsAreRefusedAndANodesOwnMembersStillHearEachOther() {
        String room = room("outage");
        Member bob = join(node(0), room, "b1", "bob");
        join(node(0), room, "c1", "carol");
        try {
            redis.stop();
            await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> !node(0).broker().available());

            assertEquals(Refusal.Kind.BROKER_UNAVAILABLE, refusal(node(0).broker().join(room, alice, null)));
            assertEquals(Refusal.Kind.BROKER_UNAVAILABLE,
                    result(node(0).broker().checkJoin(room, "alice")).orElseThrow().kind());
            String id = result(node(0).broker().post(room, bob, "while Redis is away")).id();
            RoomEvent local = node(0).next(room, MessageType.MESSAGE, "b1");
            assertEquals(id, json(local).get("id").asText(), "numbered and delivered on the node itself");
        } finally {
            redis.restart();
        }
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> node(0).broker().available());
        join(node(0), room("after-outage"), "a1", "alice");
    }

    @Test
    void aMemberWhoLeftWhileARefreshWasOnItsWayIsNotBroughtBack() {
        String room = room("refresh-race");
        join(node(1), room, watcher.id(), watcher.name());
        join(node(0), room, alice.id(), alice.name());
        Map<String, Member> rosterBeforeTheLeave = Map.of(alice.id(), alice);
        result(node(0).broker().leave(room, alice));

        result(redisNode(0).refresh(room, rosterBeforeTheLeave));
        result(node(1).broker().post(room, watcher, "after the refresh"));

        assertEquals(List.of("JOIN watcher-1", "JOIN alice-1", "LEAVE alice-1", "MESSAGE watcher-1"), events(room),
                "no second join and leave for alice");
        assertTrue(result(node(1).broker().checkJoin(room, "alice")).isEmpty(), "her name is free");
    }

    @Test
    void aMemberWhosePresenceExpiredWhileRedisWasAwayIsAnnouncedAgain() {
        String room = room("refresh-expired");
        join(node(1), room, watcher.id(), watcher.name());
        join(node(0), room, alice.id(), alice.name());
        // What the observer's purge does to a presence nobody renewed for a TTL, without waiting for it.
        send(Request.cmd(Command.HDEL).arg("chat:{" + room + "}:members").arg("alice"));
        send(Request.cmd(Command.ZREM).arg("chat:{" + room + "}:expiry").arg("alice"));
        send(Request.cmd(Command.ZREM).arg("chat:{" + room + "}:sessions").arg("alice\t" + alice.id()));
        send(Request.cmd(Command.HDEL).arg("chat:{" + room + "}:counts").arg("alice"));

        result(redisNode(0).refresh(room, Map.of(alice.id(), alice)));
        result(node(1).broker().post(room, watcher, "after the refresh"));

        assertEquals(List.of("JOIN watcher-1", "JOIN alice-1", "JOIN alice-1", "MESSAGE watcher-1"), events(room),
                "alice is still connected to her node, so it lists her again");
        assertEquals(Refusal.Kind.NAME_TAKEN, result(node(1).broker().checkJoin(room, "alice")).orElseThrow().kind());
    }

    @Test
    void aSessionThatExpiredWhileItsPersonStayedIsListedAgainWithoutAnEvent() {
        String room = room("refresh-session");
        join(node(1), room, watcher.id(), watcher.name());
        result(node(0).broker().join(room, alice, "s-away", null));
        result(node(1).broker().join(room, alice, "s-other", null));
        // What the purge does to one session nobody renewed for a TTL while another of the person's stayed.
        send(Request.cmd(Command.ZREM).arg("chat:{" + room + "}:sessions").arg("alice\ts-away"));
        send(Request.cmd(Command.HINCRBY).arg("chat:{" + room + "}:counts").arg("alice").arg(-1));

        result(redisNode(0).refresh(room, Map.of("s-away", alice)));
        Joined bob = result(node(1).broker().join(room, new Member("b1", "bob"), null));
        assertEquals(2, bob.sessionsOf(alice), "its node still holds it, so it counts again");
        result(node(1).broker().post(room, watcher, "after the refresh"));

        assertEquals(List.of("JOIN watcher-1", "JOIN alice-1", "JOIN b1", "MESSAGE watcher-1"), events(room),
                "alice never left the room, so nothing is announced");
    }

    @Test
    void aDeadNodesSessionsExpireAndOnlyAPersonWithNoSessionLeftLeaves() {
        String room = room("dead-node");
        join(node(1), room, watcher.id(), watcher.name());
        Member carol = new Member("carol-1", "carol");
        result(node(0).broker().join(room, alice, "s-dead", null));
        result(node(1).broker().join(room, alice, "s-live", null));
        result(node(0).broker().join(room, carol, "s-carol", null));
        redisNode(0).close(); // it renews nothing from now on
        // What a TTL without renewal does to the dead node's sessions, without waiting for it.
        for (String session : List.of("alice\ts-dead", "carol\ts-carol")) {
            send(Request.cmd(Command.ZADD).arg("chat:{" + room + "}:sessions").arg("XX").arg(1).arg(session));
        }

        result(redisNode(1).refresh(room, Map.of(watcher.id(), watcher, "s-live", alice)));
        Joined bob = result(node(1).broker().join(room, new Member("b1", "bob"), null));
        assertEquals(List.of("watcher", "alice", "bob"), bob.members().stream().map(Member::name).toList());
        assertEquals(1, bob.sessionsOf(alice), "her session on the dead node is gone");
        result(node(1).broker().post(room, watcher, "after the purge"));
        result(node(1).broker().leave(room, alice, "s-live"));
        result(node(1).broker().post(room, watcher, "after her last leave"));

        assertEquals(List.of("JOIN watcher-1", "JOIN alice-1", "JOIN carol-1", "LEAVE carol-1", "JOIN b1",
                "MESSAGE watcher-1", "LEAVE alice-1", "MESSAGE watcher-1"), events(node(1), room, 2),
                "carol, on the dead node only, leaves; alice leaves with her live session");
    }

    @Test
    void theStateHashesDropWhatTheTrimmedStreamNoLongerHoldsSoTheyStayBounded() {
        String room = room("bounded");
        Member alice = join(node(0), room, "a1", "alice");
        List<ChatMessage> posted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            posted.add(result(node(0).broker().post(room, alice, "m" + i)));
            assertEquals(Change.DONE, result(node(0).broker().edit(room, alice, id(posted.get(i)), "e" + i)));
            assertEquals(Change.DONE, result(node(1).broker().react(room, alice, id(posted.get(i)), "👍", true)));
        }
        for (int i = 0; i <= RETAINED; i++) {
            assertEquals(Change.DONE, result(node(i % 2).broker().read(room, new Member("r" + i, "reader" + i),
                    id(posted.get(2)))));
        }
        // What MAXLEN ~ does to a long stream, on a short one: only the newest two messages are left.
        send(Request.cmd(Command.XTRIM).arg(key(room, "history")).arg("MAXLEN").arg(2));

        assertEquals(Change.DONE, result(node(1).broker().edit(room, alice, id(posted.get(5)), "again")));
        assertEquals(Change.DONE, result(node(0).broker().react(room, alice, id(posted.get(5)), "❤️", true)));
        assertEquals(Change.DONE, result(node(1).broker().read(room, new Member("late", "late"), id(posted.get(5)))));

        List<String> kept = List.of(posted.get(4).id(), posted.get(5).id());
        assertEquals(kept, sorted(fields(room, "edits")), "edits of trimmed messages went");
        assertEquals(kept, sorted(fields(room, "reactions")), "reactions of trimmed messages went");
        assertEquals(List.of("late"), fields(room, "read"), "markers of trimmed messages went, past RETAINED");
        for (int i = 0; i <= RETAINED + 5; i++) {
            result(node(i % 2).broker().read(room, new Member("n" + i, "now" + i), id(posted.get(5))));
        }
        List<String> readers = fields(room, "read");
        assertTrue(readers.size() <= RETAINED + 1, () -> readers.size() + " markers kept");
        assertTrue(readers.contains("n" + (RETAINED + 5)), "the newest marker is kept");
    }

    @Test
    void theServersDeleteLeavesNoStateOfTheMessageBehind() {
        String room = room("erase-fields");
        Member alice = join(node(0), room, "a1", "alice");
        ChatMessage gone = result(node(0).broker().post(room, alice, "gone"));
        assertEquals(Change.DONE, result(node(0).broker().edit(room, alice, id(gone), "gone!")));
        assertEquals(Change.DONE, result(node(1).broker().react(room, alice, id(gone), "👎", true)));

        assertTrue(result(node(1).broker().delete(room, id(gone))));
        assertEquals(List.of(), fields(room, "edits"));
        assertEquals(List.of(), fields(room, "reactions"));
    }

    @Test
    void eachKindOfEventIsDeliveredAsItsOwnTypeAnUnknownOneIsIgnoredAndOnlyMessagesCountAsRemote() {
        String room = room("kinds");
        join(node(0), room, watcher.id(), watcher.name());
        Member bob = join(node(1), room, "b1", "bob");
        ChatMessage posted = result(node(1).broker().post(room, bob, "hi"));
        assertEquals(Change.DONE, result(node(1).broker().edit(room, bob, id(posted), "hi!")));
        assertEquals(Change.DONE, result(node(1).broker().react(room, bob, id(posted), "👋", true)));
        assertEquals(Change.DONE, result(node(1).broker().read(room, bob, id(posted))));
        result(node(1).broker().typing(room, bob, OutboundFrame.text("{\"type\":\"typing\"}")));
        assertEquals(Change.DONE, result(node(1).broker().retract(room, bob, id(posted))));
        // A kind from a newer node: never shown as a message.
        send(Request.cmd(Command.PUBLISH).arg(RedisBroker.CHANNEL)
                .arg(room + "\n999\nfuture\nb1\nsomewhere\n\n{\"type\":\"future\"}"));
        String marker = result(node(1).broker().post(room, bob, "marker")).id();

        assertEquals(List.of("JOIN watcher-1", "JOIN b1", "MESSAGE b1", "EDITED b1", "REACTION b1", "READ b1",
                "TYPING b1", "DELETED b1", "MESSAGE b1"), node(0).through(room, marker).stream()
                .map(e -> e.type() + " " + e.memberId()).toList());
        assertEquals(2.0, registries.get(node(0)).get("chat.broker.messages.remote").counter().count(),
                "the two messages, not the other events");
    }

    @Test
    void aNodeThatStopsReceivingTellsReadiness() {
        assertTrue(node(0).broker().available());
        ((RedisBroker) node(0).broker()).close();
        assertFalse(node(0).broker().available(), "closed: no longer subscribed");
    }

    /** The field names of the room's hash {@code name}. */
    private static List<String> fields(String room, String name) {
        List<String> fields = new ArrayList<>();
        send(Request.cmd(Command.HKEYS).arg(key(room, name))).forEach(field -> fields.add(field.toString()));
        return fields;
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().map(MessageId::parse).sorted().map(MessageId::toString).toList();
    }

    private static String key(String room, String name) {
        return "chat:{" + room + "}:" + name;
    }

    private RedisBroker redisNode(int index) {
        return (RedisBroker) node(index).broker();
    }

    /** The room's events node 1 heard, as "TYPE memberId", up to and including the first message. */
    private List<String> events(String room) {
        return node(1).until(room, MessageType.MESSAGE, 1).stream().map(e -> e.type() + " " + e.memberId()).toList();
    }

    private static Response send(Request request) {
        Redis client = Redis.createClient(vertx, redis.url());
        try {
            Response response = client.send(request).toCompletionStage().toCompletableFuture()
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(response);
            return response;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError(e);
        } finally {
            client.close();
        }
    }
}
