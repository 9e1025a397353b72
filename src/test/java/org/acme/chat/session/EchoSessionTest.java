package org.acme.chat.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.acme.chat.protocol.CloseCodes;
import org.acme.chat.protocol.OutboundFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code /echo} keep-alive mini-protocol: "ping" → "pong", "bye" → close 1000 "Bye", everything else echoed. */
class EchoSessionTest {

    private final Harness harness = Harness.create();
    private final Harness.Client echo = harness.echo();

    @Test
    void pingIsAnsweredWithPong() {
        echo.session.onText("ping");

        assertEquals("pong", echo.transport.sent().get(0).text());
        assertFalse(echo.transport.closed());
    }

    @Test
    void byeClosesWith1000Bye() {
        echo.session.onText("bye");

        assertTrue(echo.transport.sent().isEmpty(), "bye is not echoed");
        assertEquals(CloseCodes.NORMAL, echo.transport.closeCode());
        assertEquals("Bye", echo.transport.closeReason());
        echo.session.onText("after bye");
        assertTrue(echo.transport.sent().isEmpty(), "nothing is answered once closing");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Ping", " ping", "ping\n", "PING", "pingpong", "Bye", "bye ", "hello", "{\"type\":\"ping\"}",
            "pong" })
    void everythingElseComesBackUnchanged(String text) {
        echo.session.onText(text);

        OutboundFrame back = echo.transport.sent().get(0);
        assertTrue(back.isText());
        assertEquals(text, back.text());
        assertFalse(echo.transport.closed());
    }

    @Test
    void binaryComesBackAsBinaryEvenWhenItSpellsPing() {
        byte[] ping = { 'p', 'i', 'n', 'g' };
        echo.session.onBinary(ping);

        OutboundFrame back = echo.transport.sent().get(0);
        assertFalse(back.isText());
        assertArrayEquals(ping, back.bytes());
    }

    @Test
    void everyFrameCountsAsActivityForTheHeartbeat() {
        harness.timers.advance(Duration.ofSeconds(14));
        echo.session.onText("ping");
        harness.timers.advance(Duration.ofSeconds(14));

        harness.heartbeat.sweep(true);

        assertEquals(0, echo.transport.pings(), "heard from 14 s ago: not idle for an interval");
    }
}
