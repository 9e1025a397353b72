package org.acme.chat.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A frame ready to go out, encoded once: a room event's frame is made once and the same instance, with the same
 * bytes, goes to every member. Immutable; never copy or change {@link #bytes()}.
 */
public final class OutboundFrame {

    private final String text;
    private final byte[] bytes;

    private OutboundFrame(String text, byte[] bytes) {
        this.text = text;
        this.bytes = bytes;
    }

    /** A text frame holding {@code text}, UTF-8 encoded now. */
    public static OutboundFrame text(String text) {
        return new OutboundFrame(text, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A binary frame holding {@code data}, which the frame now owns. */
    public static OutboundFrame binary(byte[] data) {
        return new OutboundFrame(null, data);
    }

    public boolean isText() {
        return text != null;
    }

    /** The text of a text frame; null for a binary frame. */
    public String text() {
        return text;
    }

    /** The payload: the UTF-8 bytes of a text frame, the data of a binary one. Shared: read only. */
    public byte[] bytes() {
        return bytes;
    }

    /** Payload bytes, what the frame costs in a send queue. */
    public int size() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return isText() ? text : "binary frame of " + bytes.length + " bytes";
    }
}
