package org.acme.chat.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.LongSupplier;
import org.acme.chat.config.ChatConfig;

/**
 * How often one client address may open WebSockets: {@code chat.limits.upgrades-per-second-per-ip} sustained, with
 * a burst of {@code chat.limits.upgrade-burst-per-ip}; beyond, the upgrade gets 429 with {@code Retry-After}. A client
 * joining and leaving in a loop would otherwise cost every member of the room two presence notices per cycle, and the
 * node the work of each join. Addresses are counted as {@link ConnectionLimits} counts them ({@link ClientKey}: IPv6
 * by its /64). Thread-safe; the buckets are a {@link KeyedRate}.
 */
@ApplicationScoped
public class UpgradeRate {

    private final KeyedRate rate;

    @Inject
    public UpgradeRate(ChatConfig config) {
        this(config.limits().upgradesPerSecondPerIp(), config.limits().upgradeBurstPerIp(), System::nanoTime);
    }

    UpgradeRate(double perSecond, int burst, LongSupplier clock) {
        this.rate = new KeyedRate(perSecond, burst, clock);
    }

    /** Takes one upgrade from {@code ip}'s budget; false if it has none left (or true: no limit when the rate is 0). */
    public boolean tryAcquire(String ip) {
        return rate.tryAcquire(ClientKey.of(ip));
    }

    /** Addresses tracked now (their buckets not full again yet, or not swept yet). */
    int tracked() {
        return rate.tracked();
    }
}
