package org.acme.chat.bench;

import io.vertx.core.buffer.Buffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts the deliveries of one step exactly: every message of the step must reach every member of its room once.
 * Each received copy is counted against its message index, so a copy missing from one member is not hidden by a
 * duplicate at another; latency (receive time minus the send time in the text) goes into an HdrHistogram, in
 * microseconds. Called from the event loops of the receiving members.
 */
final class Delivery {

    private static final long MAX_LATENCY_MICROS = 600_000_000L;

    final int step;
    private final int messages;
    private final int membersPerRoom;
    private final int[] publisherRoom;
    private final long expected;
    private final AtomicIntegerArray copies;
    private final Recorder latency = new Recorder(1, MAX_LATENCY_MICROS, 3);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong lastNanos = new AtomicLong();
    private final LongAdder misrouted = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder unreadable = new LongAdder();
    private final CompletableFuture<Void> complete = new CompletableFuture<>();

    /** {@code publisherRoom[p]} is the room of publisher {@code p}; message {@code i} is sent by {@code i % p}. */
    Delivery(int step, int messages, int membersPerRoom, int[] publisherRoom) {
        this.step = step;
        this.messages = messages;
        this.membersPerRoom = membersPerRoom;
        this.publisherRoom = publisherRoom;
        this.expected = (long) messages * membersPerRoom;
        this.copies = new AtomicIntegerArray(messages);
        if (expected == 0) {
            complete.complete(null);
        }
    }

    long expected() {
        return expected;
    }

    /** Completes once as many copies arrived as were expected (duplicates would complete it early: see result). */
    CompletableFuture<Void> allArrived() {
        return complete;
    }

    /** Counts one copy of a message frame received by a member of room {@code room}. */
    void onMessage(int room, Buffer frame) {
        long now = Payload.now();
        Payload.Stamp stamp = Frames.stamp(frame);
        if (stamp == null) {
            unreadable.increment();
            return;
        }
        if (stamp.step() != step) {
            stale.increment();
            return;
        }
        if (stamp.index() >= messages) {
            unreadable.increment();
            return;
        }
        if (publisherRoom[stamp.index() % publisherRoom.length] != room) {
            misrouted.increment();
            return;
        }
        copies.incrementAndGet(stamp.index());
        latency.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(1, (now - stamp.sentNanos()) / 1000)));
        lastNanos.accumulateAndGet(now, Math::max);
        if (received.incrementAndGet() == expected) {
            complete.complete(null);
        }
    }

    /** Closes the books on this step; copies that arrive later count as stale in the next one. */
    StepResult result(Pacer.Sent sent, double offeredRate, long closes, long errorFrames, double generatorCores,
            double serverCores, double serverCpuSeconds, double serverAllocatedBytes) {
        long missing = 0;
        long duplicates = 0;
        for (int i = 0; i < sent.messages(); i++) {
            int c = copies.get(i);
            missing += Math.max(0, membersPerRoom - c);
            duplicates += Math.max(0, c - membersPerRoom);
        }
        long expectedSent = (long) sent.messages() * membersPerRoom;
        Histogram histogram = latency.getIntervalHistogram();
        long last = lastNanos.get();
        double seconds = last > sent.firstNanos() ? (last - sent.firstNanos()) / 1e9 : 0;
        return new StepResult(step, offeredRate, membersPerRoom, sent, expectedSent, received.get(), missing,
                duplicates, misrouted.sum(), stale.sum(), unreadable.sum(), seconds, histogram, closes, errorFrames,
                generatorCores, serverCores, serverCpuSeconds, serverAllocatedBytes);
    }
}
