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
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.acme.chat.support.RawClient;
import org.acme.chat.support.WsClient;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat on real sockets: idle connections get WebSocket pings, a peer that never answers is reaped with 4408
 * and frees its seat, one that answers stays, and a TCP reset frees the seat without waiting for the heartbeat. Who is
 * pinged and when, in many rounds, is {@code session.SessionHeartbeatTest}'s, on a hand-driven clock.
 */
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
    void aClientThatAnswersPingsOverTheWireIsNotReaped() {
        String room = uniqueRoom("quiet");
        try (WsClient quiet = WsClient.join(base, room, "quiet")) {
            // Each ping follows at least one interval of silence; the second comes only if the first was answered
            // in time (else the connection is reaped). SessionHeartbeatTest covers many rounds on a hand-driven clock.
            await().atMost(Duration.ofSeconds(30)).until(() -> quiet.pingsReceived() >= 2);
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
}
