package org.acme.chat.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameSenderTest {

    @Test
    void theQuarkusVersionInUseStillLetsRoomFramesBypassSendText() {
        assertTrue(FrameSender.direct(), "WebSocketConnectionBase.webSocket() is gone: broadcasts fall back to sendText");
    }

    @Test
    void aBroadcastEncodesItsFrameOnceForAllMembers() {
        String frame = "{\"type\":\"message\",\"text\":\"grüße ✓\"}";
        byte[] first = FrameSender.utf8(frame);
        assertSame(first, FrameSender.utf8(frame), "the same string again: the same bytes");
        assertArrayEquals(frame.getBytes(StandardCharsets.UTF_8), first);

        String equalButAnother = new String(frame.toCharArray());
        assertNotSame(first, FrameSender.utf8(equalButAnother), "another string is encoded afresh");
    }

    @Test
    void eachMemberGetsItsOwnFinalTextFrameOverTheSharedBytes() {
        byte[] utf8 = FrameSender.utf8("{\"type\":\"pong\"}");
        WebSocketFrame a = FrameSender.textFrame(utf8);
        WebSocketFrame b = FrameSender.textFrame(utf8);
        assertNotSame(a, b);
        assertTrue(a.isText() && a.isFinal());
        assertArrayEquals(utf8, a.binaryData().getBytes());
        assertArrayEquals(utf8, b.binaryData().getBytes());
    }
}
