package org.acme.chat.api;

import jakarta.enterprise.context.ApplicationScoped;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.limits.KeyedRate;

/**
 * How often one server API caller may call: {@code chat.api.requests-per-second} sustained, {@code chat.api.burst} at
 * once, per caller ({@code key:<id>} or {@code jwt:<subject>}), so that one runaway backend cannot take the node's
 * time from the others and from the members. Beyond it, 429 ({@link ApiGuard}).
 */
@ApplicationScoped
public class ApiRate {

    private final KeyedRate rate;

    public ApiRate(ChatConfig config) {
        this.rate = new KeyedRate(config.api().requestsPerSecond(), config.api().burst(), System::nanoTime);
    }

    /** Takes one request from {@code caller}'s budget; false if it has none left. */
    boolean tryAcquire(String caller) {
        return rate.tryAcquire(caller);
    }
}
