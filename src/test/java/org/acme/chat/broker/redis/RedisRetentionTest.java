package org.acme.chat.broker.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.acme.chat.broker.Change;
import org.acme.chat.broker.Joined;
import org.acme.chat.history.MessageId;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.support.RedisServer;
import org.acme.chat.tracing.ChatTracing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the Redis broker leaves behind: every key it writes expires (presence a TTL after its last renewal, a room's
 * event counter, history and message state {@code chat.history.retention} after its last event), every write renews
 * the expiry in the same script, the stream keeps about {@code chat.history.retained} messages, and a resume into a
 * room whose keys expired is not recovered. Against a real {@code redis-server},
 * reading the keys' TTLs.
 */
class RedisRetentionTest {

    private static final long TTL_MS = 30_000;
    private static final long RETENTION_MS = 3_600_000;
    /** How far below its full span a TTL read right after the write may be: the test's own round trips. */
    private static final long SLACK_MS = 10_000;
    private static final long WAIT_SECONDS = 10;
    private static RedisServer redis;
    private static Vertx vertx;
    private static RedisBroker broker;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        broker = broker(RETENTION_MS).start();
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(broker::available);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        if (vertx != null) {
            vertx.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void afterJoinPostAndLeaveCyclesOnManyRoomsNoKeyIsLeftWithoutAnExpiry() {
        for (int i = 0; i < 40; i++) {
            String room = "stranger-" + UUID.randomUUID();
            Member alice = new Member("a-" + i, "alice");
            Member bob = new Member("b-" + i, "bob");
            result(broker.join(room, alice, null));
            String id = result(broker.post(room, alice, "hello " + i)).id();
            result(broker.join(room, bob, MessageId.parse(id)));
            result(broker.join(room, alice, "tab-" + i, null)); // a person's second session
            assertTrue(broker.join(room, new Member("x-" + i, "ALICE"), null).toCompletableFuture()
                    .handle((ok, refused) -> refused != null).join(), "a taken name is refused");
            result(broker.publish(room, new Member("system", "system"), "from the server " + i));
            MessageId kept = MessageId.parse(result(broker.post(room, alice, "kept " + i)).id());
            MessageId retracted = MessageId.parse(result(broker.post(room, alice, "retracted " + i)).id());
            assertEquals(Change.DONE, result(broker.edit(room, alice, kept, "edited " + i)));
            assertEquals(Change.DONE, result(broker.react(room, bob, kept, "👍", true)));
            assertEquals(Change.DONE, result(broker.read(room, bob, kept)));
            assertEquals(Change.DONE, result(broker.retract(room, alice, retracted)));
            result(broker.typing(room, alice, OutboundFrame.text("{\"type\":\"typing\"}")));
            result(broker.delete(room, MessageId.parse(id)));
            result(broker.ban(room, "mallory", Duration.ofMinutes(10), "flood"));
            result(broker.ban(room, "bob", Duration.ofMinutes(10), "flood"));
            result(broker.leave(room, bob));
            result(broker.leave(room, alice, "tab-" + i));
            if (i % 2 == 0) {
                result(broker.leave(room, alice)); // half the rooms end empty, half keep a member
            }
        }

        result(broker.census(new org.acme.chat.broker.Census.NodeStats("n", 1, 1, 0), Duration.ofSeconds(15)));
        broker.refresh();
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> keys(RedisDirectory.ROOMS).size() == 1
                && keys(RedisDirectory.NODES).size() == 1);

        List<String> keys = keys("chat:*");
        assertTrue(keys.size() >= 40 * 3, () -> "the rooms' keys: " + keys);
        assertTrue(keys.stream().anyMatch(key -> key.contains(":ban:")), () -> "the bans: " + keys);
        for (String state : List.of(":edits", ":reactions", ":read")) {
            assertEquals(40, keys.stream().filter(key -> key.startsWith("chat:{stranger-") && key.endsWith(state))
                    .count(), () -> "a " + state + " key for each room");
        }
        List<String> forever = keys.stream().filter(key -> pttl(key) < 0).toList();
        assertEquals(List.of(), forever.stream().limit(10).toList(), () -> forever.size() + " keys without an expiry");
    }

    @Test
    void aRoomsMessageStateExpiresWithItsHistoryAndEveryPostStateChangeJoinOrHistoryReadRenewsIt() {
        String room = "state-" + UUID.randomUUID();
        Member alice = new Member("a1", "alice");
        result(broker.join(room, alice, null));
        MessageId id = MessageId.parse(result(broker.post(room, alice, "hi")).id());
        assertEquals(Change.DONE, result(broker.edit(room, alice, id, "hi!")));
        assertEquals(Change.DONE, result(broker.react(room, alice, id, "👋", true)));
        assertEquals(Change.DONE, result(broker.read(room, alice, id)));
        assertStateLivesForRetention(room);

        for (Runnable write : List.<Runnable>of(
                () -> result(broker.post(room, alice, "again")),
                () -> result(broker.react(room, alice, id, "👍", true)),
                () -> result(broker.join(room, new Member("b1", "bob"), null)),
                () -> result(broker.history(room, null, 10)))) {
            shorten(room);
            write.run();
            assertStateLivesForRetention(room);
        }
    }

    @Test
    void theStreamKeepsRetainedMessagesForScrollBackWhileAWelcomeSendsSize() {
        RedisBroker keeping = broker(RETENTION_MS, 5, 200).start();
        try {
            await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(keeping::available);
            String room = "retained-" + UUID.randomUUID();
            Member alice = new Member("a1", "alice");
            result(keeping.join(room, alice, null));
            for (int i = 0; i < 450; i++) {
                result(keeping.post(room, alice, "m" + i));
            }

            long length = send(Request.cmd(Command.XLEN).arg(key(room, "history"))).toLong();
            assertTrue(length >= 200 && length <= 300, () -> length + " entries: MAXLEN ~ 200 trims whole nodes");
            Joined joined = result(keeping.join(room, new Member("b1", "bob"), null));
            assertEquals(List.of("m445", "m446", "m447", "m448", "m449"), joined.history().stream()
                    .map(ChatMessage::text).toList());
            List<ChatMessage> older = result(keeping.history(room, MessageId.parse(joined.history().get(0).id()), 100));
            assertEquals(100, older.size());
            assertEquals("m345", older.get(0).text());
        } finally {
            keeping.close();
        }
    }

    @Test
    void aRoomsCounterAndHistoryExpireRetentionAfterItsLastWriteAndEveryWriteRenewsThat() {
        String room = "retained-" + UUID.randomUUID();
        Member alice = new Member("a1", "alice");
        result(broker.join(room, alice, null));
        result(broker.post(room, alice, "hi"));

        assertLivesFor(key(room, "seq"), RETENTION_MS);
        assertLivesFor(key(room, "history"), RETENTION_MS);
        assertPresenceLivesForATtl(room);

        shorten(room);
        result(broker.join(room, alice, "second-tab", null));
        assertPresenceLivesForATtl(room);

        shorten(room);
        result(broker.post(room, alice, "again"));
        assertLivesFor(key(room, "seq"), RETENTION_MS);
        assertLivesFor(key(room, "history"), RETENTION_MS);

        MessageId edited = MessageId.parse(result(broker.post(room, alice, "typo")).id());
        result(broker.edit(room, alice, edited, "fixed"));
        result(broker.react(room, alice, edited, "👍", true));
        result(broker.read(room, alice, edited));
        shorten(room);
        result(broker.refresh(room, Map.of(alice.id(), alice, "second-tab", alice)));
        assertLivesFor(key(room, "seq"), RETENTION_MS);
        assertLivesFor(key(room, "history"), RETENTION_MS);
        assertStateLivesForRetention(room); // members who stay keep the state as long as the messages
        assertPresenceLivesForATtl(room);

        shorten(room);
        result(broker.join(room, new Member("b1", "bob"), null));
        assertStateLivesForRetention(room);

        shorten(room);
        result(broker.leave(room, alice, "second-tab"));
        result(broker.leave(room, alice));
        assertLivesFor(key(room, "seq"), RETENTION_MS);
        assertLivesFor(key(room, "history"), RETENTION_MS);
        assertLivesFor(key(room, "left"), TTL_MS);
    }

    @Test
    void aResumeIntoARoomWhoseKeysExpiredIsNotRecoveredAlsoOnceItHasNewMessages() {
        String room = "expired-" + UUID.randomUUID();
        Member alice = new Member("a1", "alice");
        result(broker.join(room, alice, null));
        String lastSeen = result(broker.post(room, alice, "before")).id();
        result(broker.leave(room, alice));
        keys("chat:{" + room + "}:*").forEach(key -> send(Request.cmd(Command.PEXPIRE).arg(key).arg(1)));
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> keys("chat:{" + room + "}:*").isEmpty());

        Member bob = new Member("b1", "bob");
        Joined intoNothing = result(broker.join(room, bob, MessageId.parse(lastSeen)));
        assertEquals(Joined.Resume.UNKNOWN, intoNothing.resume());
        assertEquals(List.of(), intoNothing.history());
        result(broker.post(room, bob, "after"));

        Joined intoNew = result(broker.join(room, new Member("a2", "alice"), MessageId.parse(lastSeen)));
        assertEquals(Joined.Resume.UNKNOWN, intoNew.resume(), "what was posted before the expiry is gone");
        assertEquals(List.of("after"), intoNew.history().stream().map(ChatMessage::text).toList());
    }

    private static RedisBroker broker(long retentionMs) {
        ObjectMapper mapper = new ObjectMapper();
        return new RedisBroker(Redis.createClient(vertx, redis.url()), vertx, mapper, new EventEncoder(mapper),
                Clock.systemUTC(), new ChatMetrics(new SimpleMeterRegistry()), 5, 10, TTL_MS, retentionMs);
    }

    private static RedisBroker broker(long retentionMs, int size, int retained) {
        ObjectMapper mapper = new ObjectMapper();
        return new RedisBroker(Redis.createClient(vertx, redis.url()), vertx, mapper, new EventEncoder(mapper),
                Clock.systemUTC(), new ChatMetrics(new SimpleMeterRegistry()), size, retained, 10, TTL_MS,
                retentionMs, ChatTracing.OFF);
    }

    private static void assertStateLivesForRetention(String room) {
        for (String name : List.of("edits", "reactions", "read")) {
            assertLivesFor(key(room, name), RETENTION_MS);
        }
    }

    /** Lets the room's keys expire in five seconds, as if a write were long ago. */
    private static void shorten(String room) {
        for (String name : List.of("seq", "history", "members", "expiry", "sessions", "counts", "edits", "reactions", "read")) {
            send(Request.cmd(Command.PEXPIRE).arg(key(room, name)).arg(5_000));
        }
    }

    /** A person's and its sessions' keys: a TTL after the last join or renewal. */
    private static void assertPresenceLivesForATtl(String room) {
        for (String name : List.of("members", "expiry", "sessions", "counts")) {
            assertLivesFor(key(room, name), TTL_MS);
        }
    }

    private static void assertLivesFor(String key, long ms) {
        long pttl = pttl(key);
        assertTrue(pttl > ms - SLACK_MS && pttl <= ms, () -> key + " expires in " + pttl + " ms, not in about " + ms);
    }

    private static String key(String room, String name) {
        return "chat:{" + room + "}:" + name;
    }

    private static long pttl(String key) {
        return send(Request.cmd(Command.PTTL).arg(key)).toLong();
    }

    private static List<String> keys(String pattern) {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            Response page = send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern)
                    .arg("COUNT").arg(1000));
            cursor = page.get(0).toString();
            page.get(1).forEach(key -> keys.add(key.toString()));
        } while (!cursor.equals("0"));
        return keys;
    }

    private static Response send(Request request) {
        Redis client = Redis.createClient(vertx, redis.url());
        try {
            return client.send(request).toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError(e);
        } finally {
            client.close();
        }
    }

    private static <T> T result(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }
}
