package org.acme.chat.transport.vertx;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * {@code chat_heap_allocated_bytes_total}: the bytes the process's threads have allocated on the heap since they
 * started, read from the runtime's per-thread allocation counters when Prometheus scrapes. Over a benchmark step, its
 * increase divided by the copies delivered is the allocation per delivered copy, the figure that drives GC pauses and
 * so the latency tail. On the JVM every live thread is counted. A native image lets a thread read only its own count,
 * so there each event loop (where all the chat's work runs) is asked for its own, by a task on it. Threads that have
 * ended take their count with them, so the counter reports the highest total seen (it never goes down). Absent where
 * the runtime has no such counters. It lives with the Vert.x adapter because it reads the event loops.
 */
@Startup
@ApplicationScoped
public class AllocationMetrics {

    private static final Logger LOG = Logger.getLogger(AllocationMetrics.class);
    private static final long ASK_TIMEOUT_MS = 1_000;

    private final AtomicLong highest = new AtomicLong();
    private final Vertx vertx;

    public AllocationMetrics(MeterRegistry registry, Vertx vertx) {
        this.vertx = vertx;
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported()) {
            LOG.debug("no per-thread allocation counters on this runtime: chat.heap.allocated is not published");
            return;
        }
        if (!threads.isThreadAllocatedMemoryEnabled()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
        FunctionCounter.builder("chat.heap.allocated", threads, this::allocated)
                .baseUnit("bytes")
                .description("Bytes allocated on the heap by the process's threads (a native image: its event loops)")
                .register(registry);
    }

    private double allocated(com.sun.management.ThreadMXBean threads) {
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        if (total == 0) {
            total = eventLoopsOwnCounts(threads);
        }
        return highest.accumulateAndGet(total, Math::max);
    }

    /** Each event loop's own allocation count, read on that loop; 0 for a loop that does not answer in time. */
    private long eventLoopsOwnCounts(com.sun.management.ThreadMXBean threads) {
        List<Future<Long>> asked = new ArrayList<>();
        for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
            asked.add(loop.submit(threads::getCurrentThreadAllocatedBytes));
        }
        long total = 0;
        for (Future<Long> answer : asked) {
            try {
                total += Math.max(0, answer.get(ASK_TIMEOUT_MS, TimeUnit.MILLISECONDS));
            } catch (ExecutionException | TimeoutException e) {
                LOG.debugf("an event loop did not report its allocation: %s", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return total;
    }
}
