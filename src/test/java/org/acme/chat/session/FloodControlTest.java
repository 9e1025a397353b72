package org.acme.chat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Map;
import org.acme.chat.protocol.CloseCodes;
import org.acme.chat.protocol.Refusal;
import org.junit.jupiter.api.Test;

/**
 * The frame budget as a session spends it (defaults: 10 frames/s, a burst of 20, closed after 50 refusals within
 * 10 s), on a clock that only moves when the test moves it.
 */
class FloodControlTest {

    @Test
    void aFloodGetsRateLimitedErrorsThenTheFiftiethRefusalCloses1008AndTheMemberLeaves() {
        Harness chat = Harness.create();
        Harness.Client alice = chat.join("r1", "alice");
        Harness.Client flooder = chat.join("r1", "flooder");

        int frames = 0;
        while (!flooder.transport.closed() && frames < 1_000) {
            flooder.say("flood " + frames++);
        }

        assertEquals(20 + 50, frames, "the burst, then 49 refusals answered and the 50th closes");
        assertEquals(CloseCodes.POLICY_VIOLATION, flooder.transport.closeCode());
        assertEquals("rate limit exceeded", flooder.transport.closeReason());
        assertEquals(49, flooder.transport.framesOf("error").size());
        assertEquals("rate_limited", flooder.transport.framesOf("error").get(0).get("code").asText());
        assertEquals(20, alice.transport.framesOf("message").size(), "only the burst reached the room");
        assertEquals("leave", alice.transport.last().get("type").asText());
        assertEquals(49, chat.errors(Refusal.Kind.RATE_LIMITED));
        assertEquals(1, chat.errors(Refusal.Kind.RATE_LIMIT_CLOSE));
    }

    @Test
    void theBudgetRefillsWithTimeSoASteadyTalkerIsNeverRefused() {
        Harness chat = Harness.create();
        Harness.Client alice = chat.join("r1", "alice");

        for (int i = 0; i < 200; i++) {
            alice.say("steady " + i);
            chat.timers.advance(Duration.ofMillis(100));
        }

        assertEquals(200, alice.transport.framesOf("message").size());
        assertEquals(0, chat.errors(Refusal.Kind.RATE_LIMITED));
    }

    @Test
    void websocketPingsSpendTheBudget() {
        Harness chat = Harness.with(Map.of("chat.rate.burst", "2", "chat.rate.strikes", "3"));
        Harness.Client alice = chat.join("r1", "alice");

        alice.session.onPing();
        alice.session.onPing();
        alice.say("over the budget");
        assertEquals(0, alice.transport.framesOf("message").size());
        alice.session.onPing();
        alice.session.onPing();

        assertEquals(CloseCodes.POLICY_VIOLATION, alice.transport.closeCode(), "the third refusal closes");
    }

    @Test
    void continuationFramesSpendTheBudgetOneEach() {
        Harness chat = Harness.with(Map.of("chat.rate.burst", "10"));
        Harness.Client alice = chat.join("r1", "alice");

        for (int i = 0; i < 9; i++) {
            alice.session.onContinuation(); // the fragments of a message in ten frames...
        }
        alice.say("in ten frames"); // ...and the message itself, once its last frame is in
        alice.say("one frame too many");

        assertEquals(1, alice.transport.framesOf("message").size());
        assertEquals("rate_limited", alice.transport.framesOf("error").get(0).get("code").asText());
    }

    @Test
    void aFloodOfUnsolicitedPongsIsClosedLikeAnyOtherFlood() {
        Harness chat = Harness.create();
        Harness.Client alice = chat.join("r1", "alice");

        int pongs = 0;
        while (!alice.transport.closed() && pongs < 20_000) {
            alice.session.onPong();
            pongs++;
        }

        assertEquals(20 + 50, pongs, "the burst, then 50 refusals");
        assertEquals(CloseCodes.POLICY_VIOLATION, alice.transport.closeCode());
        assertEquals(1, chat.errors(Refusal.Kind.RATE_LIMIT_CLOSE));
    }

    @Test
    void aPongAnsweringEachHeartbeatPingNeverTouchesTheBudget() {
        Harness chat = Harness.create();
        Harness.Client alice = chat.join("r1", "alice");

        for (int i = 0; i < 100; i++) {
            chat.timers.advance(Duration.ofSeconds(15));
            alice.session.onPong();
            alice.say("between pongs " + i);
        }

        assertFalse(alice.transport.closed());
        assertEquals(100, alice.transport.framesOf("message").size());
        assertEquals(0, chat.errors(Refusal.Kind.RATE_LIMITED));
    }

    @Test
    void onEchoAFrameOverTheBudgetIsDroppedSilentlyUntilTheConnectionIsClosed() {
        Harness chat = Harness.with(Map.of("chat.rate.burst", "3", "chat.rate.strikes", "2"));
        Harness.Client echo = chat.echo();

        for (int i = 0; i < 4; i++) {
            echo.session.onText("hello " + i);
        }

        assertEquals(3, echo.transport.sent().size(), "three echoes; the fourth frame was dropped unanswered");
        assertFalse(echo.transport.closed());
        echo.session.onText("once more");
        assertEquals(CloseCodes.POLICY_VIOLATION, echo.transport.closeCode());
    }
}
