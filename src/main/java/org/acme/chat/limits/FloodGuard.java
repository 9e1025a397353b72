package org.acme.chat.limits;

import org.acme.chat.config.ChatConfig;

/**
 * One connection's frame budget: {@code chat.rate.*} frames per second with a burst; frames beyond it are refused,
 * and once {@code chat.rate.strikes} of them fall within {@code chat.rate.strike-window} the connection is closed.
 */
public final class FloodGuard {

    /** What to do with a frame. */
    public enum Verdict {
        /** Within the budget. */
        ALLOW,
        /** Over the budget: refuse this frame, keep the connection. */
        REFUSE,
        /** Over the budget for too long: close the connection (1008). */
        CLOSE
    }

    private final RateLimiter frames;
    private final RateLimiter strikes;

    public FloodGuard(ChatConfig.Rate rate, long nowNanos) {
        this.frames = new RateLimiter(rate.messagesPerSecond(), rate.burst(), nowNanos);
        // The last strike must find the bucket empty: it holds strikes - 1 and drains at strikes per window.
        double strikesPerSecond = rate.strikes() / (rate.strikeWindow().toNanos() / 1e9);
        this.strikes = new RateLimiter(strikesPerSecond, Math.max(1, rate.strikes() - 1), nowNanos);
    }

    public Verdict admit(long nowNanos) {
        if (frames.tryAcquire(nowNanos)) {
            return Verdict.ALLOW;
        }
        return strikes.tryAcquire(nowNanos) ? Verdict.REFUSE : Verdict.CLOSE;
    }
}
