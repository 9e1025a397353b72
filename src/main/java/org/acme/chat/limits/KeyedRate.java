package org.acme.chat.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per key ({@link RateLimiter}: {@code perSecond} sustained, {@code burst} at once), for keys a
 * stranger may invent: the map holds only keys whose bucket is not full again, swept as it grows. Thread-safe. A rate
 * of 0 means no limit.
 */
public final class KeyedRate {

    private static final int FIRST_SWEEP = 1024;

    private final ConcurrentHashMap<String, RateLimiter> buckets = new ConcurrentHashMap<>();
    private final double perSecond;
    private final int burst;
    private final LongSupplier clock;
    private volatile int sweepAt = FIRST_SWEEP;

    public KeyedRate(double perSecond, int burst, LongSupplier clock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes one event from {@code key}'s budget; false if it has none left (always true when the rate is 0). */
    public boolean tryAcquire(String key) {
        if (perSecond <= 0) {
            return true;
        }
        long now = clock.getAsLong();
        boolean[] allowed = new boolean[1];
        buckets.compute(key, (k, bucket) -> {
            RateLimiter current = bucket != null ? bucket : new RateLimiter(perSecond, burst, now);
            allowed[0] = current.tryAcquire(now);
            return current;
        });
        if (buckets.size() > sweepAt) {
            sweep(now);
        }
        return allowed[0];
    }

    /** Keys tracked now (their buckets not full again yet, or not swept yet). */
    public int tracked() {
        return buckets.size();
    }

    private synchronized void sweep(long now) {
        if (buckets.size() <= sweepAt) {
            return;
        }
        buckets.entrySet().removeIf(entry -> entry.getValue().isFull(now));
        sweepAt = Math.max(FIRST_SWEEP, 2 * buckets.size());
    }
}
