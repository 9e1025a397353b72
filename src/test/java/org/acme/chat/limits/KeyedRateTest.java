package org.acme.chat.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Plain JUnit: one bucket per key, on a hand-driven clock. */
class KeyedRateTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void eachKeyHasItsOwnBurstAndRefillsAtTheRate() {
        KeyedRate rate = new KeyedRate(2, 3, nanos::get);
        for (int i = 0; i < 3; i++) {
            assertTrue(rate.tryAcquire("a"));
        }
        assertFalse(rate.tryAcquire("a"));
        assertTrue(rate.tryAcquire("b"));
        nanos.addAndGet(500_000_000L);
        assertTrue(rate.tryAcquire("a"));
        assertFalse(rate.tryAcquire("a"));
    }

    @Test
    void keysWhoseBucketIsFullAgainAreForgottenAsTheMapGrows() {
        KeyedRate rate = new KeyedRate(1, 1, nanos::get);
        for (int i = 0; i < 5_000; i++) {
            rate.tryAcquire("key-" + i);
            nanos.addAndGet(10_000_000L);
        }
        assertTrue(rate.tracked() < 2_100, "tracked " + rate.tracked());
    }

    @Test
    void aRateOfZeroIsNoLimitAndTracksNothing() {
        KeyedRate off = new KeyedRate(0, 1, nanos::get);
        for (int i = 0; i < 10; i++) {
            assertTrue(off.tryAcquire("a"));
        }
        assertEquals(0, off.tracked());
    }
}
