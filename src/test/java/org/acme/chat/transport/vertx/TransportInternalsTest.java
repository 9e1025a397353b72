package org.acme.chat.transport.vertx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.WebSocketFrame;
import java.util.List;
import org.acme.chat.protocol.OutboundFrame;
import org.junit.jupiter.api.Test;

/**
 * Pins the start-up check of the internals the adapter relies on to the Quarkus, Vert.x and Netty versions in use: an
 * upgrade that removes or changes one fails here, instead of silently slowing the service down (the adapter would
 * fall back and WARN). {@code TransportInternalsQuarkusTest} pins the pipeline check on a live connection.
 */
class TransportInternalsTest {

    @Test
    void everyInternalCheckedAtStartUpIsInPlace() {
        List<TransportInternals.Check> report = TransportInternals.report();

        assertEquals(List.of("WebSocketConnectionBase.webSocket()", "WebSocketFrameImpl(WebSocketFrameType, byte[], "
                + "boolean)", "ConnectionBase.channel()"), report.stream().limit(3)
                .map(TransportInternals.Check::internal).toList());
        assertTrue(TransportInternals.allInPlace(), report::toString);
        assertNotNull(TransportInternals.SOCKET);
        assertTrue(TransportInternals.TEXT_FRAME && TransportInternals.CHANNEL);
    }

    @Test
    void eachRecipientGetsItsOwnFinalTextFrameOverTheSharedBytes() {
        OutboundFrame frame = OutboundFrame.text("{\"type\":\"message\",\"text\":\"grüße ✓\"}");

        WebSocketFrame a = TransportInternals.textFrame(frame.text(), frame.bytes());
        WebSocketFrame b = TransportInternals.textFrame(frame.text(), frame.bytes());

        assertNotSame(a, b);
        assertTrue(a.isText() && a.isFinal());
        assertEquals(frame.text(), a.textData());
        assertArrayEquals(frame.bytes(), b.binaryData().getBytes());
    }

    @Test
    void somethingThatIsNoWebSocketsNextConnectionHasNoSocketAndNoChannel() {
        assertNull(TransportInternals.socketOf("not a connection"));
        assertNull(TransportInternals.channelOf("not a Vert.x connection"));
    }

    @Test
    void theClientsAddressIsTheRemoteAddressWithoutItsPort() {
        assertEquals("127.0.0.1", VertxTransport.ipOf("127.0.0.1:5432"));
        assertEquals("0:0:0:0:0:0:0:1", VertxTransport.ipOf("0:0:0:0:0:0:0:1:5432"));
    }
}
