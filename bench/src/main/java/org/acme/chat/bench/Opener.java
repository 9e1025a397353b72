package org.acme.chat.bench;

import io.vertx.core.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Opens a batch of connections with at most {@code concurrency} handshakes in flight, so that the measured rate is
 * the server's and not a SYN flood into a full accept queue. Completes when every join has succeeded or failed, with
 * the time each successful join took (TCP connect to welcome, in microseconds).
 */
final class Opener {

    /** The outcome of one batch: the members by index (null where the join failed), the failures, the wall time. */
    record Batch(AtomicReferenceArray<Member> members, int welcomed, Failures failures, long nanos,
                 Histogram joinMicros) {

        double perSecond() {
            return nanos == 0 ? 0 : welcomed * 1e9 / nanos;
        }
    }

    private Opener() {
    }

    static CompletableFuture<Batch> open(int count, int concurrency, IntFunction<Future<Member>> join) {
        CompletableFuture<Batch> done = new CompletableFuture<>();
        AtomicReferenceArray<Member> members = new AtomicReferenceArray<>(count);
        Failures failures = new Failures();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger welcomed = new AtomicInteger();
        Recorder joinMicros = new Recorder(1, TimeUnit.MINUTES.toMicros(10), 3);
        long start = System.nanoTime();
        if (count == 0) {
            done.complete(new Batch(members, 0, failures, 0, joinMicros.getIntervalHistogram()));
            return done;
        }
        Runnable[] startNext = new Runnable[1];
        startNext[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= count) {
                return;
            }
            long begin = System.nanoTime();
            join.apply(i).onComplete(result -> {
                if (result.succeeded()) {
                    members.set(i, result.result());
                    welcomed.incrementAndGet();
                    joinMicros.recordValue(Math.max(1, Math.min(TimeUnit.MINUTES.toMicros(10),
                            (System.nanoTime() - begin) / 1000)));
                } else {
                    failures.add(result.cause().getMessage() == null
                            ? result.cause().toString() : result.cause().getMessage());
                }
                if (finished.incrementAndGet() == count) {
                    done.complete(new Batch(members, welcomed.get(), failures, System.nanoTime() - start,
                            joinMicros.getIntervalHistogram()));
                } else {
                    startNext[0].run();
                }
            });
        };
        for (int i = 0; i < Math.min(concurrency, count); i++) {
            startNext[0].run();
        }
        return done;
    }
}
