package org.acme.chat.broker.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.acme.chat.broker.RoomEvent;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Presence renewal against a real {@code redis-server}, with two brokers as two nodes: {@code node}, whose members are
 * renewed, and {@code observer}, which records every room event it hears. A refresh carries the roster its node had
 * when it began; these tests hand it that roster directly, to play the interleavings the timer makes rare.
 */
class RedisBrokerTest {

    private static final long TTL_MS = 30_000;
    private static final long WAIT_SECONDS = 10;
    private static RedisServer redis;
    private static Vertx vertx;

    private final LinkedBlockingQueue<RoomEvent> heard = new LinkedBlockingQueue<>();
    private final Member watcher = new Member("watcher-1", "watcher");
    private final Member alice = new Member("alice-1", "alice");
    private RedisBroker node;
    private RedisBroker observer;

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

    @BeforeEach
    void startNodes() {
        node = broker().start();
        observer = broker();
        observer.deliverTo(heard::add);
        observer.start();
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> node.available() && observer.available());
    }

    @AfterEach
    void stopNodes() {
        node.close();
        observer.close();
    }

    @Test
    void aMemberWhoLeftWhileARefreshWasOnItsWayIsNotBroughtBack() {
        String room = "refresh-race";
        join(observer, room, watcher);
        join(node, room, alice);
        Map<String, Member> rosterBeforeTheLeave = Map.of(alice.id(), alice);
        result(node.leave(room, alice));

        result(node.refresh(room, rosterBeforeTheLeave));
        result(observer.post(room, watcher, "after the refresh"));

        assertEquals(List.of("join watcher-1", "join alice-1", "leave alice-1", "message watcher-1"), eventsUpTo(room),
                "no second join and leave for alice");
        assertTrue(result(observer.checkJoin(room, "alice")).isEmpty(), "her name is free");
    }

    @Test
    void aMemberWhosePresenceExpiredWhileRedisWasAwayIsAnnouncedAgain() {
        String room = "refresh-expired";
        join(observer, room, watcher);
        join(node, room, alice);
        // What the observer's purge does to a presence nobody renewed for a TTL, without waiting for it.
        send(Request.cmd(Command.HDEL).arg("chat:{" + room + "}:members").arg("alice"));
        send(Request.cmd(Command.ZREM).arg("chat:{" + room + "}:expiry").arg("alice"));

        result(node.refresh(room, Map.of(alice.id(), alice)));
        result(observer.post(room, watcher, "after the refresh"));

        assertEquals(List.of("join watcher-1", "join alice-1", "join alice-1", "message watcher-1"), eventsUpTo(room),
                "alice is still connected to her node, so it lists her again");
        assertEquals(Refusal.Kind.NAME_TAKEN, result(observer.checkJoin(room, "alice")).orElseThrow().kind());
    }

    private RedisBroker broker() {
        ObjectMapper mapper = new ObjectMapper();
        return new RedisBroker(Redis.createClient(vertx, redis.url()), vertx, mapper, new EventEncoder(mapper),
                Clock.systemUTC(), new ChatMetrics(new SimpleMeterRegistry()), 10, 100, TTL_MS);
    }

    private static void join(RedisBroker broker, String room, Member member) {
        result(broker.join(room, member, null));
    }

    /** The room's events the observer heard, as "type memberId", up to and including the first message. */
    private List<String> eventsUpTo(String room) {
        List<String> events = new ArrayList<>();
        while (events.isEmpty() || !events.get(events.size() - 1).startsWith("message")) {
            try {
                RoomEvent event = heard.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertNotNull(event, () -> "no message within " + WAIT_SECONDS + " s after " + events);
                if (event.room().equals(room)) {
                    events.add(event.type().name().toLowerCase() + " " + event.memberId());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return events;
    }

    private static void send(Request request) {
        Redis client = Redis.createClient(vertx, redis.url());
        try {
            client.send(request).toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
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
