package org.acme.chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/**
 * Exact delivery accounting: copies are counted per message, so a duplicate at one member cannot hide a copy
 * missing at another, and copies from another step or room are not counted as delivered.
 */
class DeliveryTest {

    /** Two publishers, in rooms 0 and 1; two members per room; three messages (0 and 2 to room 0, 1 to room 1). */
    private final Delivery delivery = new Delivery(1, 3, 2, new int[] {0, 1});
    private final Pacer.Sent sent = new Pacer.Sent(3, 0, 1_000_000_000L, 0);

    private static Buffer frame(int step, int index) {
        String text = Payload.encode(step, index, Payload.now(), 50);
        return Buffer.buffer("{\"type\":\"message\",\"text\":\"" + text + "\"}");
    }

    @Test
    void everyCopyOnceIsComplete() {
        for (int member = 0; member < 2; member++) {
            delivery.onMessage(0, frame(1, 0));
            delivery.onMessage(1, frame(1, 1));
            delivery.onMessage(0, frame(1, 2));
        }
        StepResult r = delivery.result(sent, 3, 0, 0, 0, 0, Double.NaN, Double.NaN);
        assertTrue(delivery.allArrived().isDone());
        assertEquals(6, r.expected());
        assertEquals(1.0, r.ratio());
        assertTrue(r.complete());
        assertEquals(6, r.latency().getTotalCount());
    }

    @Test
    void aDuplicateDoesNotMakeUpForAMissingCopy() {
        delivery.onMessage(0, frame(1, 0));
        delivery.onMessage(0, frame(1, 0));
        delivery.onMessage(0, frame(1, 0));
        delivery.onMessage(1, frame(1, 1));
        delivery.onMessage(1, frame(1, 1));
        delivery.onMessage(0, frame(1, 2));
        StepResult r = delivery.result(sent, 3, 0, 0, 0, 0, Double.NaN, Double.NaN);
        assertEquals(1, r.missing());
        assertEquals(1, r.duplicates());
        assertEquals(5.0 / 6, r.ratio(), 1e-9);
        assertFalse(r.complete());
    }

    @Test
    void staleAndMisroutedCopiesAreNotDelivered() {
        delivery.onMessage(0, frame(0, 0));
        delivery.onMessage(1, frame(1, 0));
        StepResult r = delivery.result(sent, 3, 0, 0, 0, 0, Double.NaN, Double.NaN);
        assertEquals(1, r.stale());
        assertEquals(1, r.misrouted());
        assertEquals(6, r.missing());
        assertEquals(0.0, r.ratio());
    }
}
