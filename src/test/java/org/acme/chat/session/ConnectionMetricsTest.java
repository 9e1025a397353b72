package org.acme.chat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.acme.chat.protocol.Refusal;
import org.junit.jupiter.api.Test;

/**
 * What the session layer counts beyond {@code chat_errors_total}: connection attempts refused after the upgrade
 * ({@code chat_upgrades_rejected_total}, the race past the upgrade guard) but not refused frames or later closes, and
 * what became of join and leave notices ({@code chat_presence_notices_total}). Plain JUnit on the {@link Harness}.
 */
class ConnectionMetricsTest {

    @Test
    void anAdmissionOrJoinRefusalIsARejectedUpgradeAFrameRefusalIsNot() {
        Harness chat = Harness.with(Map.of("chat.limits.max-connections", "2"));
        Harness.Client alice = chat.join("r1", "alice");
        chat.join("r1", "ALICE"); // the name is taken: refused at the join, after the upgrade
        chat.join("r1", "bob"); // alice and ALICE's closing seat fill the node: refused at admission

        alice.session.onText("{broken");
        alice.session.onBinary(new byte[] { 1 }); // closes alice with 1003: not a connection attempt

        assertEquals(1, chat.rejectedUpgrades(Refusal.Kind.NAME_TAKEN));
        assertEquals(1, chat.rejectedUpgrades(Refusal.Kind.SERVER_FULL));
        assertEquals(1, chat.errors(Refusal.Kind.INVALID_JSON));
        assertEquals(0, chat.rejectedUpgrades(Refusal.Kind.INVALID_JSON));
        assertEquals(1, chat.errors(Refusal.Kind.BINARY_FRAME));
        assertEquals(0, chat.rejectedUpgrades(Refusal.Kind.BINARY_FRAME));
    }

    @Test
    void noticesWithinTheBudgetGoOutAtOnceChurnBeyondItIsCoalescedAndNetted() {
        Harness chat = Harness.create(); // a budget of 30 notices at once, then 10/s
        chat.join("r1", "alice");
        for (int i = 0; i < 20; i++) {
            chat.join("r1", "churner").session.onClose();
        }
        // 41 notices on a clock that stands still: alice's join and the first 29 of the churn at once, 11 held

        chat.timers.advance(Duration.ofSeconds(1));

        assertEquals(16, chat.presenceNotices("join", "immediate"), "alice's, then 15 churner joins");
        assertEquals(14, chat.presenceNotices("leave", "immediate"));
        assertEquals(5, chat.presenceNotices("join", "coalesced"));
        assertEquals(6, chat.presenceNotices("leave", "coalesced"));
        assertEquals(10, chat.nettedNotices(), "five joins whose leaves followed within the batch, and those leaves");
    }
}
