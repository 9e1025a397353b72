package org.acme.chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** Reading server frames: the compact fast path, the JSON fallback, and texts this generator did not write. */
class FramesTest {

    private static final String TEXT = Payload.encode(3, 42, 123456789L, 100);

    @Test
    void payloadIsPaddedToTheSizeAndReadBack() {
        assertEquals(100, TEXT.length());
        assertEquals(new Payload.Stamp(3, 42, 123456789L), Payload.decode(Buffer.buffer(TEXT), 0));
        assertNull(Payload.decode(Buffer.buffer("hello"), 0));
        assertNull(Payload.decode(Buffer.buffer("1:2"), 0));
    }

    @Test
    void readsCompactFrames() {
        Buffer frame = Buffer.buffer("{\"type\":\"message\",\"id\":\"1-0\",\"room\":\"r\","
                + "\"from\":{\"id\":\"a\",\"name\":\"m0\"},\"text\":\"" + TEXT + "\",\"ts\":1}");
        assertEquals(Frames.Kind.MESSAGE, Frames.kind(frame));
        assertEquals(new Payload.Stamp(3, 42, 123456789L), Frames.stamp(frame));
        assertEquals(Frames.Kind.WELCOME, Frames.kind(Buffer.buffer("{\"type\":\"welcome\",\"history\":[]}")));
        assertEquals(Frames.Kind.ERROR, Frames.kind(Buffer.buffer("{\"type\":\"error\",\"code\":\"rate_limited\"}")));
        assertEquals(Frames.Kind.OTHER, Frames.kind(Buffer.buffer("{\"type\":\"join\",\"member\":{}}")));
    }

    @Test
    void fallsBackToJsonForOtherLayouts() {
        Buffer frame = Buffer.buffer("{ \"text\" : \"" + TEXT + "\", \"type\" : \"message\" }");
        assertEquals(Frames.Kind.MESSAGE, Frames.kind(frame));
        assertEquals(new Payload.Stamp(3, 42, 123456789L), Frames.stamp(frame));
    }

    @Test
    void foreignTextsHaveNoStamp() {
        assertNull(Frames.stamp(Buffer.buffer("{\"type\":\"message\",\"text\":\"hi there\"}")));
        assertNull(Frames.stamp(Buffer.buffer("not json")));
    }
}
