package org.acme.chat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.acme.chat.protocol.CloseCodes;
import org.acme.chat.protocol.Refusal;
import org.junit.jupiter.api.Test;

/**
 * The bound on what waits to be written to a client ({@code chat.send-queue.max-bytes}, 4 KiB here): a client that
 * stops reading is closed with 1008 and leaves; one that catches up in time is never closed.
 */
class SendQueueTest {

    private final Harness chat = Harness.with(Map.of("chat.send-queue.max-bytes", "4096", "chat.rate.burst", "1000"));

    @Test
    void aMemberThatStopsReadingIsClosedWith1008OnItsOwnThreadAndLeaves() {
        Harness.Client talker = chat.join("r1", "talker");
        Harness.Client sloth = chat.join("r1", "sloth");
        sloth.transport.holdWrites();

        int sent = 0;
        while (sloth.transport.sent().size() < 100 && sent < 1_000 && !sloth.transport.closed()) {
            talker.say("x".repeat(90) + " " + sent++);
            sloth.transport.runTasks();
        }

        assertEquals(CloseCodes.POLICY_VIOLATION, sloth.transport.closeCode());
        assertEquals("too slow: send queue full", sloth.transport.closeReason());
        assertTrue(sloth.transport.pendingBytes() <= 4096);
        assertEquals("leave", talker.transport.last().get("type").asText());
        assertEquals(1, chat.errors(Refusal.Kind.SLOW_CONSUMER));
    }

    @Test
    void aMemberThatFallsBehindForAMomentAndCatchesUpStays() {
        Harness.Client talker = chat.join("r1", "talker");
        Harness.Client reader = chat.join("r1", "reader");

        for (int burst = 0; burst < 20; burst++) {
            reader.transport.holdWrites();
            for (int i = 0; i < 10; i++) { // about 3.3 KB behind, under the 4 KiB bound
                talker.say("x".repeat(200));
            }
            reader.transport.runTasks();
            reader.transport.releaseWrites();
        }

        assertFalse(reader.transport.closed());
        assertEquals(0, reader.transport.pendingBytes());
        assertEquals(200, reader.transport.framesOf("message").size());
    }
}
