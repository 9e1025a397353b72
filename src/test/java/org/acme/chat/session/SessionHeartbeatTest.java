package org.acme.chat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.acme.chat.heartbeat.HeartbeatMonitor;
import org.acme.chat.protocol.CloseCodes;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat as sessions meet it, with the default interval (15 s) and timeout (10 s), sweeps driven by hand: who
 * gets pinged, who is reaped, and what a reap frees. The scheduler itself and the pings on the wire are covered by
 * HeartbeatTest over real sockets.
 */
class SessionHeartbeatTest {

    private static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Harness chat = Harness.create();

    @Test
    void aSilentMemberIsPingedThenReapedWith4408AndItsSeatAndNameAreFreedAtOnce() {
        Harness.Client alice = chat.join("r1", "alice");
        Harness.Client silent = chat.join("r1", "silent");

        sweepAfter(INTERVAL);
        alice.say("keeping busy");
        assertEquals(1, silent.transport.pings());
        sweepAfter(TIMEOUT);

        assertEquals(CloseCodes.HEARTBEAT_TIMEOUT, silent.transport.closeCode());
        assertEquals("heartbeat timeout", silent.transport.closeReason());
        assertEquals("leave", alice.transport.last().get("type").asText(), "before the close handshake completes");
        assertTrue(chat.broker.checkJoin("r1", "silent").toCompletableFuture().join().isEmpty(), "name free");
        assertEquals(2, chat.heartbeat.open(), "counted until its close completes");
        silent.session.onClose();
        assertEquals(1, chat.heartbeat.open());
    }

    @Test
    void aConnectionThatAnswersEveryPingStaysAcrossManyIntervals() {
        Harness.Client quiet = chat.join("r1", "quiet");

        for (int round = 0; round < 10; round++) {
            sweepAfter(INTERVAL);
            quiet.session.onPong();
            sweepAfter(TIMEOUT);
        }

        assertEquals(10, quiet.transport.pings());
        assertFalse(quiet.transport.closed());
    }

    @Test
    void aConnectionThatKeepsTalkingIsNeverPinged() {
        Harness.Client talker = chat.join("r1", "talker");

        for (int second = 0; second < 120; second++) {
            talker.session.onText("{\"type\":\"ping\"}");
            sweepAfter(Duration.ofSeconds(1));
        }

        assertEquals(0, talker.transport.pings());
        assertFalse(talker.transport.closed());
    }

    @Test
    void echoConnectionsAreUnderTheHeartbeatToo() {
        Harness.Client echo = chat.echo();

        sweepAfter(INTERVAL);
        sweepAfter(TIMEOUT);

        assertEquals(1, echo.transport.pings());
        assertEquals(CloseCodes.HEARTBEAT_TIMEOUT, echo.transport.closeCode());
    }

    /** Lets {@code duration} pass, then sweeps as the scheduler does (pinging idle connections). */
    private HeartbeatMonitor.Sweep sweepAfter(Duration duration) {
        chat.timers.advance(duration);
        return chat.heartbeat.sweep(true);
    }
}
