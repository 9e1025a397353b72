package org.acme.chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The soak report's lines and verdict, and the memory budget. */
class SoakReportTest {

    private static final double MIB = 1024 * 1024;

    @Test
    void aCleanRunPasses() {
        SoakReport report = new SoakReport();
        report.ledger(new Ledger.Tally(10, 10, 0, 80, 80, 0, 0, 0, 0, 0), false);
        report.memory("node :1 RSS", 200 * MIB, 220 * MIB, 25, 16);
        List<String> lines = report.lines();
        assertEquals("steady messages: 10 posted, 10 confirmed (ack or delivered), 0 unconfirmed; copies expected 80,"
                + " delivered 80, lost 0, duplicated 0", lines.get(0));
        assertEquals("  node :1 RSS: start 200.0 MiB, end 220.0 MiB (+10.0%) within budget", lines.get(1));
        assertEquals("verdict: PASS", lines.get(lines.size() - 1));
    }

    @Test
    void lostOrDuplicatedCopiesFailTheRun() {
        SoakReport report = new SoakReport();
        report.ledger(new Ledger.Tally(10, 10, 0, 80, 78, 2, 1, 0, 0, 0), false);
        assertFalse(report.passed());
        assertEquals("verdict: FAIL (2 steady copies lost; 1 steady copies duplicated)",
                report.lines().get(report.lines().size() - 1));
    }

    @Test
    void outageLossesAreReportedButJudgedOnlyWhenAsked() {
        Ledger.Tally outage = new Ledger.Tally(10, 10, 0, 40, 40, 0, 0, 5, 3, 0);
        SoakReport lenient = new SoakReport();
        lenient.ledger(outage, false);
        assertTrue(lenient.passed());
        assertTrue(lenient.lines().get(1).contains("copies lost 3"), lenient.lines().get(1));
        SoakReport strict = new SoakReport();
        strict.ledger(outage, true);
        assertFalse(strict.passed());
    }

    @Test
    void memoryOverTheBudgetFailsAndSaysSo() {
        SoakReport report = new SoakReport();
        report.memory("node :1 heap after GC", 100 * MIB, 140 * MIB, 25, 16);
        assertEquals("  node :1 heap after GC: start 100.0 MiB, end 140.0 MiB (+40.0%) OVER BUDGET",
                report.lines().get(0));
        assertFalse(report.passed());
    }

    @Test
    void theBudgetIsAPercentageOrTheSlackWhereThatIsLarger() {
        assertTrue(MemoryReading.within(20 * MIB, 35 * MIB, 25, 16 * MIB), "15 MiB over 20 is within 16 MiB");
        assertFalse(MemoryReading.within(20 * MIB, 37 * MIB, 25, 16 * MIB));
        assertTrue(MemoryReading.within(200 * MIB, 250 * MIB, 25, 16 * MIB));
        assertFalse(MemoryReading.within(200 * MIB, 251 * MIB, 25, 16 * MIB));
        assertTrue(MemoryReading.within(Double.NaN, 1e12, 25, 0), "a figure the server does not publish");
    }

    @Test
    void countsAreListedUnderTheirHeading() {
        SoakReport report = new SoakReport();
        report.counts("abusers:", Map.of("flooder: closed 1008 rate limit exceeded", 3L));
        report.counts("refusals:", Map.of());
        assertEquals(List.of("abusers:", "        3 x flooder: closed 1008 rate limit exceeded", "refusals: none",
                "verdict: PASS"), report.lines());
    }
}
