package org.acme.chat.heartbeat;

import static org.acme.chat.support.Frames.memberName;
import static org.acme.chat.support.Frames.memberNames;
import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.acme.chat.support.Prometheus.value;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.acme.chat.support.RawClient;
import org.acme.chat.support.WsClient;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** Idle connections get pings, dead ones are reaped and free their seat; talkers are left alone. */
@QuarkusTest
class HeartbeatTest {

    private static final Logger LOG = Logger.getLogger(HeartbeatTest.class);

    /** {@code chat.heartbeat.interval} and {@code chat.heartbeat.timeout} in the test profile. */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    /**
     * Quarkus's simple scheduler checks its triggers once a second against last runs rounded down to the second, so a
     * tick can start late, and one that starts late across a second boundary can push the next one a whole interval.
     */
    private static final Duration SCHEDULER_JITTER = INTERVAL.plusMillis(500);
    /** The reap's own way out on a busy machine: the timeout's timer, a worker thread, the leave's delivery. */
    private static final Duration REAP_LATENESS = Duration.ofSeconds(1);
    private static final JsonObject APP_PING = new JsonObject().put("type", "ping");

    @TestHTTPResource("/")
    URI base;

    @Test
    void silentConnectionIsReapedAndItsSeatAndNameAreFreed() {
        String room = uniqueRoom("reap");
        double reaped = value("chat_connections_reaped_total");
        double pings = value("chat_heartbeat_pings_total");
        try (WsClient watcher = WsClient.join(base, room, "watcher")) {
            Duration observed;
            double connectionsWithGhost;
            // Taken before the upgrade: the server starts watching the connection after it, so this is no later.
            long lastFrame = System.nanoTime();
            try (RawClient ghost = RawClient.connect(base, chatPath(room, "ghost"))) {
                assertEquals("ghost", memberName(watcher.next("join")));
                connectionsWithGhost = value("chat_connections_active");

                assertEquals("ghost", memberName(watcher.next("leave")));
                observed = Duration.ofNanos(System.nanoTime() - lastFrame);
            }
            Duration bound = INTERVAL.plus(TIMEOUT).plus(INTERVAL).plus(SCHEDULER_JITTER).plus(REAP_LATENESS);
            LOG.infof("silent connection reaped %d ms after its last frame (interval %d ms, timeout %d ms)",
                    observed.toMillis(), INTERVAL.toMillis(), TIMEOUT.toMillis());
            assertTrue(observed.compareTo(INTERVAL.plus(TIMEOUT)) >= 0,
                    () -> "reaped after " + observed + ", before it could have been pinged and timed out");
            assertTrue(observed.compareTo(bound) <= 0, () -> "reaped after " + observed + ", bound " + bound);
            // The sweep counts its reaps after it has closed them: the leave can come first.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertTrue(value("chat_connections_reaped_total") >= reaped + 1, "the reap is counted");
                assertTrue(value("chat_heartbeat_pings_total") >= pings + 1, "the ping is counted");
                assertTrue(value("chat_connections_active") <= connectionsWithGhost - 1, "the gauge went down");
            });

            try (WsClient again = WsClient.join(base, room, "ghost")) {
                assertEquals(List.of("ghost", "watcher"), memberNames(again.welcome()));
            }
        }
    }

    @Test
    void connectionThatAnswersPingsStaysAcrossManyIntervals() {
        String room = uniqueRoom("quiet");
        try (WsClient quiet = WsClient.join(base, room, "quiet")) {
            // Each ping follows at least one interval of silence, so five pings span five intervals or more.
            await().atMost(Duration.ofSeconds(30)).until(() -> quiet.pingsReceived() >= 5);
            assertFalse(quiet.isClosed());
            try (WsClient other = WsClient.join(base, room, "other")) {
                assertEquals(List.of("other", "quiet"), memberNames(other.welcome()));
            }
            quiet.next("join");
            quiet.next("leave");
            quiet.assertNothingPending();
        }
    }

    @Test
    void connectionThatKeepsTalkingIsNeverPinged() throws InterruptedException {
        String room = uniqueRoom("chatty");
        try (WsClient chatty = WsClient.join(base, room, "chatty");
                WsClient idle = WsClient.join(base, room, "idle")) {
            ScheduledExecutorService talk = Executors.newSingleThreadScheduledExecutor();
            // 8 a second (under the 10/s frame budget), so that only a stall of most of an interval could look like
            // silence; a failed send must not end the schedule quietly.
            talk.scheduleAtFixedRate(() -> {
                try {
                    chatty.send(APP_PING);
                } catch (RuntimeException e) {
                    LOG.warnf("chatty could not send: %s", e);
                }
            }, 0, INTERVAL.toMillis() / 8, TimeUnit.MILLISECONDS);
            try {
                // The idle member next to it proves the heartbeat ran several times meanwhile.
                await().atMost(Duration.ofSeconds(30)).until(() -> idle.pingsReceived() >= 3);
            } finally {
                talk.shutdown();
                assertTrue(talk.awaitTermination(WsClient.TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            // A heartbeat that pinged talkers would have pinged it as often as the idle member; one ping is what a
            // stall of most of an interval on a busy machine could cause.
            assertTrue(chatty.pingsReceived() <= 1,
                    () -> "a connection that talks is alive and must not be pinged; it got " + chatty.pingsReceived());
            assertFalse(chatty.isClosed());
        }
    }

    @Test
    void connectionResetWithoutCloseFrameFreesSeatAndNameAtOnce() {
        String room = uniqueRoom("reset");
        double reaped = value("chat_connections_reaped_total");
        try (WsClient watcher = WsClient.join(base, room, "watcher")) {
            RawClient dropped = RawClient.connect(base, chatPath(room, "dropped"));
            assertEquals("dropped", memberName(watcher.next("join")));

            long resetAt = System.nanoTime();
            dropped.reset();
            assertEquals("dropped", memberName(watcher.next("leave")));
            Duration observed = Duration.ofNanos(System.nanoTime() - resetAt);
            // The heartbeat could not have reaped it before an interval of silence and the ping's timeout.
            assertTrue(observed.compareTo(INTERVAL.plus(TIMEOUT)) < 0,
                    () -> "the reset was noticed after " + observed + "; it must not wait for the heartbeat");
            assertEquals(reaped, value("chat_connections_reaped_total"), "closed by the reset, not reaped");

            try (WsClient again = WsClient.join(base, room, "dropped")) {
                assertEquals(List.of("dropped", "watcher"), memberNames(again.welcome()));
            }
        }
    }

    @Test
    void echoConnectionsAreUnderTheHeartbeatToo() {
        try (WsClient echo = WsClient.connect(base, "/echo")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> echo.pingsReceived() >= 1);
            echo.send("still here");
            assertEquals("still here", echo.nextText());
        }
    }
}
