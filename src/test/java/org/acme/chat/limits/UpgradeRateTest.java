package org.acme.chat.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-address upgrade budget as a token bucket, on a clock the test moves. Plain JUnit. */
class UpgradeRateTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final UpgradeRate rate = new UpgradeRate(5, 10, nanos::get);

    @Test
    void aBurstThenTheSustainedRatePerAddress() {
        for (int i = 0; i < 10; i++) {
            assertTrue(rate.tryAcquire("10.0.0.1"), "burst " + i);
        }
        assertFalse(rate.tryAcquire("10.0.0.1"));
        assertTrue(rate.tryAcquire("10.0.0.2"), "another address has its own budget");

        nanos.addAndGet(200_000_000L); // one upgrade's worth at 5/s
        assertTrue(rate.tryAcquire("10.0.0.1"));
        assertFalse(rate.tryAcquire("10.0.0.1"));
    }

    @Test
    void addressesWhoseBudgetIsWholeAgainAreForgottenAsTheMapGrows() {
        for (int i = 0; i < 5_000; i++) {
            rate.tryAcquire("10.1." + (i / 256) + "." + (i % 256));
            nanos.addAndGet(1_000_000L);
        }
        // Each bucket is whole again 200 ms after its one upgrade; sweeps keep only the recent ones.
        assertTrue(rate.tracked() < 2_100, "tracked " + rate.tracked());
    }

    @Test
    void zeroMeansNoLimit() {
        UpgradeRate off = new UpgradeRate(0, 1, nanos::get);
        for (int i = 0; i < 1_000; i++) {
            assertTrue(off.tryAcquire("10.0.0.1"));
        }
        assertEquals(0, off.tracked());
    }
}
