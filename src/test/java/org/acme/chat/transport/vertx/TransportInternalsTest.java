package org.acme.chat.transport.vertx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import java.util.List;
import org.acme.chat.protocol.OutboundFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins the start-up check of the internals the adapter relies on to the Quarkus, Vert.x and Netty versions in use: an
 * upgrade that removes or changes one fails here, instead of silently slowing the service down (the adapter would
 * fall back and WARN). {@code TransportInternalsQuarkusTest} pins the pipeline check on a live connection.
 */
class TransportInternalsTest {

    @Test
    void everyInternalCheckedAtStartUpIsInPlace() {
        List<TransportInternals.Check> report = TransportInternals.report();

        assertEquals(List.of("WebSocketConnectionBase.webSocket()", "ServerWebSocketWrapper.delegate",
                "WebSocketInternal.channelHandlerContext()", "ConnectionBase.channel()"),
                report.stream().limit(4).map(TransportInternals.Check::internal).toList());
        assertTrue(TransportInternals.allInPlace(), report::toString);
        assertNotNull(TransportInternals.SOCKET);
        assertNotNull(TransportInternals.UNWRAP);
        assertTrue(TransportInternals.HANDLER_CONTEXT && TransportInternals.CHANNEL);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 125, 126, 127, 65_535, 65_536, 200_000 })
    void aFrameIsEncodedAsNettysDecoderReadsItBackWhateverItsLength(int length) {
        OutboundFrame frame = OutboundFrame.text("é".repeat(length / 2) + "x".repeat(length % 2));
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 1 << 20));

        client.writeInbound(LoopWriter.encode(ByteBufAllocator.DEFAULT, frame));

        TextWebSocketFrame read = client.readInbound();
        assertTrue(read.isFinalFragment());
        assertEquals(frame.text(), read.text());
        read.release();
        client.finishAndReleaseAll();
    }

    @Test
    void binaryFramesKeepTheirBytes() {
        byte[] data = { 0, (byte) 0xff, 'p', 'i', 'n', 'g' };
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 1 << 20));

        client.writeInbound(LoopWriter.encode(ByteBufAllocator.DEFAULT, OutboundFrame.binary(data)));

        BinaryWebSocketFrame read = client.readInbound();
        assertArrayEquals(data, ByteBufUtil.getBytes(read.content()));
        read.release();
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
