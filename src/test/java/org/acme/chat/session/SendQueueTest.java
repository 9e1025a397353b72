package org.acme.chat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acme.chat.protocol.CloseCodes;
import org.acme.chat.protocol.Refusal;
import org.junit.jupiter.api.Test;

/**
 * What waits to be written to a client ({@code chat.send-queue.*}; here a 16 KiB hard bound, a 2 KiB low-water mark
 * and a 2 s drain timeout): a client that stops reading is closed with 1008 and leaves, by the byte bound or by the
 * time it stays behind; one that is behind for a moment and catches up is never closed.
 */
class SendQueueTest {

    private final Harness chat = Harness.with(Map.of("chat.send-queue.max-bytes", "16384",
            "chat.send-queue.low-water-bytes", "2048", "chat.send-queue.drain-timeout", "2s",
            "chat.rate.burst", "1000"));

    @Test
    void aMemberThatStopsReadingIsClosedWith1008ByTheByteBoundAndLeaves() {
        Harness.Client talker = chat.join("r1", "talker");
        Harness.Client sloth = chat.join("r1", "sloth");
        sloth.transport.holdWrites();

        int sent = 0;
        while (!sloth.transport.closed() && sent < 1_000) {
            talker.say("x".repeat(90) + " " + sent++);
            sloth.transport.runTasks();
        }

        assertEquals(CloseCodes.POLICY_VIOLATION, sloth.transport.closeCode());
        assertEquals("too slow: send queue full", sloth.transport.closeReason());
        assertTrue(sloth.transport.pendingBytes() <= 16384 + 200, "at most one frame past the bound was queued");
        assertEquals("leave", talker.transport.last().get("type").asText());
        assertEquals(1, chat.errors(Refusal.Kind.SLOW_CONSUMER));
    }

    @Test
    void aMemberThatStaysBehindForTheDrainTimeoutIsClosedWith1008WellUnderTheByteBound() {
        Harness.Client talker = chat.join("r1", "talker");
        Harness.Client sloth = chat.join("r1", "sloth");
        sloth.transport.holdWrites();

        for (int i = 0; i < 20; i++) { // about 3 KB: behind, far under the byte bound
            talker.say("x".repeat(100));
        }
        chat.timers.advance(Duration.ofMillis(1_900));
        talker.say("still within the drain timeout");
        sloth.transport.runTasks();
        assertFalse(sloth.transport.closed());

        chat.timers.advance(Duration.ofMillis(200));
        talker.say("past it");
        sloth.transport.runTasks();

        assertEquals(CloseCodes.POLICY_VIOLATION, sloth.transport.closeCode());
        assertEquals("too slow: not reading", sloth.transport.closeReason());
        assertTrue(sloth.transport.pendingBytes() < 16384);
        assertEquals(1, chat.errors(Refusal.Kind.SLOW_CONSUMER));
    }

    @Test
    void aMemberThatFallsBehindAgainAndAgainButCatchesUpEachTimeStays() {
        Harness.Client talker = chat.join("r1", "talker");
        Harness.Client reader = chat.join("r1", "reader");

        for (int burst = 0; burst < 20; burst++) {
            reader.transport.holdWrites();
            for (int i = 0; i < 60; i++) { // about 10 KB behind: over the low-water mark, under the bound
                talker.say("x".repeat(90));
            }
            chat.timers.advance(Duration.ofMillis(1_500));
            reader.transport.runTasks();
            reader.transport.releaseWrites();
            talker.say("caught up");
        }

        assertFalse(reader.transport.closed());
        assertEquals(0, reader.transport.pendingBytes());
        assertEquals(20 * 61, reader.transport.framesOf("message").size());
        assertEquals(0, chat.errors(Refusal.Kind.SLOW_CONSUMER));
    }

    @Test
    void withTheDefaultsALegitimateBurstOfMoreThanAMegabyteClosesOnlyTheMemberWhoNeverReads() {
        Harness defaults = Harness.create();
        List<Harness.Client> talkers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            talkers.add(defaults.join("busy", "talker" + i));
        }
        Harness.Client reader = defaults.join("busy", "reader");
        Harness.Client busyTab = defaults.join("busy", "busy-tab");
        Harness.Client sloth = defaults.join("busy", "sloth");
        reader.transport.holdWrites(); // behind for a moment, as a reader on a slow link is during a burst
        busyTab.transport.holdWrites();
        sloth.transport.holdWrites(); // and never reads

        for (Harness.Client talker : talkers) {
            for (int i = 0; i < 15; i++) { // within the rate limit's burst of 20
                talker.say("z".repeat(3000));
            }
        }
        assertTrue(reader.transport.pendingBytes() > 1_350_000, "1.35 MB behind: " + reader.transport.pendingBytes());
        defaults.timers.advance(Duration.ofSeconds(3));
        reader.transport.releaseWrites();
        defaults.timers.advance(Duration.ofSeconds(3));
        busyTab.transport.releaseWrites();
        defaults.timers.advance(Duration.ofSeconds(5)); // past the drain timeout for the sloth
        talkers.get(0).say("after the burst");
        sloth.transport.runTasks();

        assertFalse(reader.transport.closed());
        assertFalse(busyTab.transport.closed());
        assertEquals(451, reader.transport.framesOf("message").size());
        assertEquals(451, busyTab.transport.framesOf("message").size());
        assertEquals("too slow: not reading", sloth.transport.closeReason());
        assertEquals(1, defaults.errors(Refusal.Kind.SLOW_CONSUMER));
    }

    @Test
    void oneFrameLargerThanTheWholeBoundStillGoesToAnEmptyQueue() {
        Harness small = Harness.with(Map.of("chat.send-queue.max-bytes", "4096",
                "chat.send-queue.low-water-bytes", "1024", "chat.history.welcome-max-bytes", "2048",
                "chat.max-frame-bytes", "2048", "chat.message.max-length", "4000"));
        Harness.Client talker = small.join("r1", "talker");
        Harness.Client reader = small.join("r1", "reader");
        reader.transport.holdWrites();

        talker.say("y".repeat(4000)); // a frame of about 4.1 KB, over the 4 KiB bound on its own

        assertFalse(reader.transport.closed());
        assertEquals(1, reader.transport.framesOf("message").size());
    }

    @Test
    void theWelcomeCarriesOnlyTheNewestHistoryThatFitsItsBudgetAndAResumeLearnsWhatIsMissing() {
        Harness budget = Harness.with(Map.of("chat.history.welcome-max-bytes", "3000",
                "chat.message.max-length", "4000", "chat.rate.burst", "1000"));
        Harness.Client talker = budget.join("r1", "talker");
        for (int i = 0; i < 10; i++) {
            talker.say(i + "y".repeat(999)); // about 1.1 KB each as JSON
        }
        String first = talker.transport.framesOf("message").get(0).get("id").asText();

        Harness.Client joiner = budget.join("r1", "joiner");
        var welcome = joiner.transport.framesOf("welcome").get(0);
        assertEquals(2, welcome.get("history").size(), welcome::toString);
        assertTrue(welcome.get("history").get(1).get("text").asText().startsWith("9"), "the newest is kept");
        assertTrue(joiner.transport.sent().get(0).size() < 3000 + 500);

        Harness.Client resumed = budget.connectChat("10.0.0.4");
        ((ChatSession) resumed.session).open("r1", "resumed", first, header -> null).toCompletableFuture().join();
        var resumedWelcome = resumed.transport.framesOf("welcome").get(0);
        assertEquals(2, resumedWelcome.get("history").size());
        assertFalse(resumedWelcome.get("recovered").asBoolean());
        assertEquals("more messages were posted since than one welcome carries: the oldest are missing",
                resumedWelcome.get("reason").asText());
    }
}
