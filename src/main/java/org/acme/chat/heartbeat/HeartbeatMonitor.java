package org.acme.chat.heartbeat;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.acme.chat.logging.ConnectionLog;

/**
 * Knows when each open connection last sent a frame, pings the idle ones and reaps those that leave a ping
 * unanswered for longer than the timeout. A reaped connection stays counted until its close completes. Pure logic on an injectable nanosecond clock; the scheduler drives it.
 *
 * <p>Marking a frame as seen is one map lookup and one volatile write. A sweep walks the connections once and
 * allocates nothing for a connection that has been heard from within the interval.
 */
public final class HeartbeatMonitor {

    private static final ConnectionLog LOG = ConnectionLog.of(HeartbeatMonitor.class);

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long intervalNanos;
    private final long timeoutNanos;
    private final LongSupplier clock;

    public HeartbeatMonitor(Duration interval, Duration timeout, LongSupplier nanoClock) {
        if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("heartbeat interval and timeout must be positive");
        }
        this.intervalNanos = interval.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.clock = nanoClock;
    }

    /** Starts watching an open connection; it counts as heard from now. */
    public void track(Monitored connection) {
        entries.put(connection.id(), new Entry(connection, clock.getAsLong()));
    }

    /** Stops watching a connection: it closed ({@code @OnClose} ran). Unknown ids are ignored. */
    public void untrack(String connectionId) {
        entries.remove(connectionId);
    }

    /** Records that a frame of any kind (text, binary, ping, pong) arrived on the connection. */
    public void seen(String connectionId) {
        Entry entry = entries.get(connectionId);
        if (entry != null) {
            entry.lastInbound = clock.getAsLong();
        }
    }

    /** How many connections were tracked and have not closed yet, reaped ones still closing included. */
    public int open() {
        return entries.size();
    }

    /**
     * Reaps every connection whose ping has gone unanswered for the timeout; with {@code pingIdle}, also pings every
     * connection not heard from for an interval that is not already waiting for a pong.
     */
    public Sweep sweep(boolean pingIdle) {
        long now = clock.getAsLong();
        int pinged = 0;
        int reaped = 0;
        for (Entry entry : entries.values()) {
            if (entry.reaped) {
                continue;
            }
            long last = entry.lastInbound;
            long pingedAt = entry.pingSentAt;
            boolean awaitingPong = entry.pinged && last - pingedAt < 0;
            if (awaitingPong) {
                if (now - pingedAt >= timeoutNanos) {
                    entry.reaped = true;
                    LOG.infof(entry.connection.id(), "reaping connection %s: no frame for %d ms, ping unanswered for %d ms",
                            entry.connection.id(), (now - last) / 1_000_000, (now - pingedAt) / 1_000_000);
                    entry.connection.reap();
                    reaped++;
                }
            } else if (pingIdle && now - last >= intervalNanos) {
                entry.pingSentAt = now;
                entry.pinged = true;
                entry.connection.ping();
                pinged++;
            }
        }
        return new Sweep(pinged, reaped);
    }

    /**
     * Hands every open connection's queued bytes to {@code sample}, reaped ones excepted: one volatile read per
     * connection, off the connections' threads, so that sampling costs the clients that keep up nothing.
     */
    public void sampleQueues(LongConsumer sample) {
        for (Entry entry : entries.values()) {
            if (!entry.reaped) {
                sample.accept(entry.connection.queuedBytes());
            }
        }
    }

    /** What one sweep did. */
    public record Sweep(int pinged, int reaped) {
    }

    private static final class Entry {
        final Monitored connection;
        volatile long lastInbound;
        volatile long pingSentAt;
        volatile boolean pinged;
        volatile boolean reaped;

        Entry(Monitored connection, long now) {
            this.connection = connection;
            this.lastInbound = now;
        }
    }
}
