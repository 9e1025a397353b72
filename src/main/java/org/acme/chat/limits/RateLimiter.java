package org.acme.chat.limits;

/**
 * A token bucket as the generic cell rate algorithm: {@code perSecond} events sustained, {@code burst} at once. Its
 * whole state is one {@code long}. Not thread-safe: a connection's frames are handled one at a time.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private final long toleranceNanos;
    private long theoreticalArrival;

    public RateLimiter(double perSecond, int burst, long nowNanos) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.intervalNanos = Math.max(1, (long) (1e9 / perSecond));
        this.toleranceNanos = intervalNanos * (burst - 1);
        this.theoreticalArrival = nowNanos;
    }

    /** Takes one token if there is one. */
    public boolean tryAcquire(long nowNanos) {
        long arrival = theoreticalArrival - nowNanos < 0 ? nowNanos : theoreticalArrival;
        if (arrival - nowNanos > toleranceNanos) {
            return false;
        }
        theoreticalArrival = arrival + intervalNanos;
        return true;
    }

    /** Whether the bucket has filled up again by {@code nowNanos}: it is then as good as a new one. */
    public boolean isFull(long nowNanos) {
        return theoreticalArrival - nowNanos <= 0;
    }
}
