package org.acme.chat.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.acme.chat.config.ChatConfig;

/**
 * How often one client address may open WebSockets: {@code chat.limits.upgrades-per-second-per-ip} sustained, with
 * a burst of {@code chat.limits.upgrade-burst-per-ip}; beyond, the upgrade gets 429 with {@code Retry-After}. A client
 * joining and leaving in a loop would otherwise cost every member of the room two presence notices per cycle, and the
 * node the work of each join. Addresses are counted as {@link ConnectionLimits} counts them ({@link ClientKey}: IPv6
 * by its /64). Thread-safe; the map holds
 * only addresses whose bucket is not full again, swept as it grows.
 */
@ApplicationScoped
public class UpgradeRate {

    private static final int FIRST_SWEEP = 1024;

    private final ConcurrentHashMap<String, RateLimiter> buckets = new ConcurrentHashMap<>();
    private final double perSecond;
    private final int burst;
    private final LongSupplier clock;
    private volatile int sweepAt = FIRST_SWEEP;

    @Inject
    public UpgradeRate(ChatConfig config) {
        this(config.limits().upgradesPerSecondPerIp(), config.limits().upgradeBurstPerIp(), System::nanoTime);
    }

    UpgradeRate(double perSecond, int burst, LongSupplier clock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes one upgrade from {@code ip}'s budget; false if it has none left (or true: no limit when the rate is 0). */
    public boolean tryAcquire(String ip) {
        if (perSecond <= 0) {
            return true;
        }
        long now = clock.getAsLong();
        boolean[] allowed = new boolean[1];
        buckets.compute(ClientKey.of(ip), (key, bucket) -> {
            RateLimiter current = bucket != null ? bucket : new RateLimiter(perSecond, burst, now);
            allowed[0] = current.tryAcquire(now);
            return current;
        });
        if (buckets.size() > sweepAt) {
            sweep(now);
        }
        return allowed[0];
    }

    /** Addresses tracked now (their buckets not full again yet, or not swept yet). */
    int tracked() {
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
