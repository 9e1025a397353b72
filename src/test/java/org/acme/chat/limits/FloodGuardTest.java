package org.acme.chat.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.acme.chat.config.ChatConfig;
import org.junit.jupiter.api.Test;

/** The token bucket and the strike rule, on a hand-driven clock. */
class FloodGuardTest {

    private static final long MS = 1_000_000L;

    @Test
    void burstThenSustainedRate() {
        RateLimiter limiter = new RateLimiter(10, 20, 0);
        for (int i = 0; i < 20; i++) {
            assertTrue(limiter.tryAcquire(0), "burst token " + i);
        }
        assertFalse(limiter.tryAcquire(0));
        assertFalse(limiter.tryAcquire(99 * MS), "the next token is 100 ms away");
        assertTrue(limiter.tryAcquire(100 * MS));
        assertFalse(limiter.tryAcquire(100 * MS));
        assertTrue(limiter.tryAcquire(10_000 * MS), "a quiet spell refills");
    }

    @Test
    void quietSpellRefillsNoMoreThanTheBurst() {
        RateLimiter limiter = new RateLimiter(10, 3, 0);
        long later = 3_600_000 * MS;
        assertTrue(limiter.tryAcquire(later));
        assertTrue(limiter.tryAcquire(later));
        assertTrue(limiter.tryAcquire(later));
        assertFalse(limiter.tryAcquire(later));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, 0, 0));
    }

    @Test
    void refusesBeyondTheBudgetAndClosesOnTheFiftiethStrikeWithinTheWindow() {
        FloodGuard guard = new FloodGuard(rate(10, 20, 50, Duration.ofSeconds(10)), 0);
        int allowed = 0;
        int refused = 0;
        FloodGuard.Verdict verdict;
        while ((verdict = guard.admit(0)) != FloodGuard.Verdict.CLOSE) {
            if (verdict == FloodGuard.Verdict.ALLOW) {
                allowed++;
            } else {
                refused++;
            }
        }
        assertEquals(20, allowed);
        assertEquals(49, refused, "the 50th refused frame closes");
    }

    @Test
    void occasionalStrikesSpreadOverTimeNeverClose() {
        FloodGuard guard = new FloodGuard(rate(1, 1, 50, Duration.ofSeconds(10)), 0);
        long now = 0;
        for (int i = 0; i < 1000; i++) {
            assertEquals(FloodGuard.Verdict.ALLOW, guard.admit(now));
            assertEquals(FloodGuard.Verdict.REFUSE, guard.admit(now), "one strike per second is far below 5/s");
            now += 1000 * MS;
        }
    }

    private static ChatConfig.Rate rate(double perSecond, int burst, int strikes, Duration window) {
        return new ChatConfig.Rate() {
            @Override
            public double messagesPerSecond() {
                return perSecond;
            }

            @Override
            public int burst() {
                return burst;
            }

            @Override
            public int strikes() {
                return strikes;
            }

            @Override
            public Duration strikeWindow() {
                return window;
            }
        };
    }
}
