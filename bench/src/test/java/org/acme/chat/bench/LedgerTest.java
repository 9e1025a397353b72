package org.acme.chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Counting the steady members' copies: lost and duplicated apart, unconfirmed and outage messages apart. */
class LedgerTest {

    private static Ledger twoRoomsOfTwo() {
        Ledger ledger = new Ledger(List.of(2, 2));
        ledger.member(0, 0);
        ledger.member(1, 0);
        ledger.member(2, 1);
        ledger.member(3, 1);
        return ledger;
    }

    @Test
    void everyMemberOfTheRoomGettingOneCopyIsNeitherLostNorDuplicated() {
        Ledger ledger = twoRoomsOfTwo();
        int m = ledger.post(0);
        ledger.acked(m);
        ledger.received(0, m);
        ledger.received(1, m);
        Ledger.Tally t = ledger.tally();
        assertEquals(new Ledger.Tally(1, 1, 0, 2, 2, 0, 0, 0, 0, 0), t);
    }

    @Test
    void aMissingCopyAndAnExtraCopyAreCountedSeparately() {
        Ledger ledger = twoRoomsOfTwo();
        int m = ledger.post(1);
        ledger.received(2, m);
        ledger.received(2, m); // once live, once again from a resuming welcome's history
        Ledger.Tally t = ledger.tally();
        assertEquals(1, t.lost(), "member 3 never got it");
        assertEquals(1, t.duplicated(), "member 2 got it twice");
        assertEquals(1, t.delivered());
        assertEquals(0, ledger.tally().unconfirmed());
    }

    @Test
    void aMessageNobodyGotAndTheServerNeverAckedIsUnconfirmedNotLost() {
        Ledger ledger = twoRoomsOfTwo();
        ledger.post(0);
        int acked = ledger.post(0);
        ledger.acked(acked);
        Ledger.Tally t = ledger.tally();
        assertEquals(1, t.unconfirmed());
        assertEquals(2, t.lost(), "the acked message reached neither member");
        assertEquals(2, ledger.missing());
    }

    @Test
    void messagesPostedInAnOutageAreTalliedApart() {
        Ledger ledger = twoRoomsOfTwo();
        ledger.outage(true);
        int during = ledger.post(0);
        ledger.outage(false);
        ledger.received(0, during);
        Ledger.Tally t = ledger.tally();
        assertEquals(0, t.lost());
        assertEquals(0, t.expected());
        assertEquals(1, t.outagePosted());
        assertEquals(1, t.outageLost());
    }
}
