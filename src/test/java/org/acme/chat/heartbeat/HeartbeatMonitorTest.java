package org.acme.chat.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ping and reap decisions, on a hand-driven clock. */
class HeartbeatMonitorTest {

    private static final long SECOND = 1_000_000_000L;

    private long now;
    private HeartbeatMonitor monitor;
    private final List<String> log = new ArrayList<>();
    private final Map<String, Long> queued = new HashMap<>();

    @BeforeEach
    void setUp() {
        now = 1_000 * SECOND;
        monitor = new HeartbeatMonitor(Duration.ofSeconds(15), Duration.ofSeconds(10), () -> now);
    }

    @Test
    void connectionHeardFromWithinTheIntervalIsNotPinged() {
        monitor.track(connection("a"));
        now += 10 * SECOND;
        monitor.seen("a");
        now += 10 * SECOND;

        assertEquals(new HeartbeatMonitor.Sweep(0, 0), monitor.sweep(true));
        assertEquals(List.of(), log);
    }

    @Test
    void idleConnectionIsPingedOnceUntilItAnswers() {
        monitor.track(connection("a"));
        now += 15 * SECOND;

        assertEquals(new HeartbeatMonitor.Sweep(1, 0), monitor.sweep(true));
        now += 5 * SECOND;
        assertEquals(new HeartbeatMonitor.Sweep(0, 0), monitor.sweep(true), "a ping is already out");
        monitor.seen("a");
        now += 15 * SECOND;
        assertEquals(new HeartbeatMonitor.Sweep(1, 0), monitor.sweep(true), "idle again after the pong");

        assertEquals(List.of("ping a", "ping a"), log);
    }

    @Test
    void unansweredPingIsReapedOnceAfterTheTimeout() {
        monitor.track(connection("dead"));
        monitor.track(connection("alive"));
        now += 15 * SECOND;
        monitor.sweep(true);
        monitor.seen("alive");

        now += 9 * SECOND;
        assertEquals(new HeartbeatMonitor.Sweep(0, 0), monitor.sweep(false), "still within the timeout");
        now += SECOND;
        assertEquals(new HeartbeatMonitor.Sweep(0, 1), monitor.sweep(false));

        assertEquals(Set.of("ping dead", "ping alive", "reap dead"), Set.copyOf(log));
        assertEquals(2, monitor.open(), "a reaped connection counts until its close completes");
        now += 60 * SECOND;
        monitor.sweep(true);
        assertEquals(1, log.stream().filter(e -> e.equals("reap dead")).count(), "reaped exactly once");
        assertEquals(0, log.stream().filter(e -> e.equals("ping dead")).count() - 1, "and never pinged again");
        monitor.untrack("dead");
        assertEquals(1, monitor.open());
    }

    @Test
    void anyFrameCountsAsAnAnswer() {
        monitor.track(connection("a"));
        now += 15 * SECOND;
        monitor.sweep(true);
        now += SECOND;
        monitor.seen("a");
        now += 20 * SECOND;

        assertEquals(new HeartbeatMonitor.Sweep(1, 0), monitor.sweep(true), "pinged again, not reaped");
    }

    @Test
    void sweepWithoutPingingOnlyReaps() {
        monitor.track(connection("a"));
        now += 60 * SECOND;

        assertEquals(new HeartbeatMonitor.Sweep(0, 0), monitor.sweep(false));
        assertEquals(List.of(), log);
    }

    @Test
    void untrackedConnectionIsNeitherPingedNorReaped() {
        monitor.track(connection("a"));
        monitor.untrack("a");
        monitor.seen("a");
        now += 60 * SECOND;

        assertEquals(new HeartbeatMonitor.Sweep(0, 0), monitor.sweep(true));
        assertEquals(0, monitor.open());
    }

    @Test
    void everyOpenConnectionsQueueIsSampledReapedAndClosedOnesAreNot() {
        queued.put("behind", 300_000L);
        monitor.track(connection("idle"));
        monitor.track(connection("behind"));
        monitor.track(connection("dead"));
        monitor.track(connection("gone"));
        monitor.untrack("gone");
        now += 15 * SECOND;
        monitor.sweep(true);
        monitor.seen("idle");
        monitor.seen("behind");
        now += 10 * SECOND;
        monitor.sweep(false); // reaps "dead"

        List<Long> samples = new ArrayList<>();
        monitor.sampleQueues(samples::add);

        assertEquals(List.of(0L, 300_000L), samples.stream().sorted().toList());
    }

    @Test
    void intervalAndTimeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new HeartbeatMonitor(Duration.ZERO, Duration.ofSeconds(1), () -> now));
        assertThrows(IllegalArgumentException.class,
                () -> new HeartbeatMonitor(Duration.ofSeconds(1), Duration.ofSeconds(-1), () -> now));
    }

    private Monitored connection(String id) {
        return new Monitored() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public void ping() {
                log.add("ping " + id);
            }

            @Override
            public void reap() {
                log.add("reap " + id);
            }

            @Override
            public long queuedBytes() {
                return queued.getOrDefault(id, 0L);
            }
        };
    }
}
