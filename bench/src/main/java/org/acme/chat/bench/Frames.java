package org.acme.chat.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * Reads what the generator needs from a server frame without decoding all of it: the {@code type}, and the
 * {@code text} of a {@code message}. The fast path looks for {@code "type":"} and {@code "text":"} as compact JSON
 * writes them (both this service and the Node peer do); any frame it cannot read that way is parsed as JSON, so a
 * server that writes spaces or orders keys differently still works, only slower.
 */
final class Frames {

    /** What kind of frame arrived; everything the generator does not act on is {@code OTHER}. */
    enum Kind { WELCOME, MESSAGE, ERROR, OTHER }

    private static final byte[] TYPE_KEY = ascii("\"type\":\"");
    private static final byte[] TEXT_KEY = ascii("\"text\":\"");
    private static final byte[] WELCOME = ascii("welcome\"");
    private static final byte[] MESSAGE = ascii("message\"");
    private static final byte[] ERROR = ascii("error\"");

    private Frames() {
    }

    static Kind kind(Buffer frame) {
        int at = indexOf(frame, TYPE_KEY, 0);
        if (at < 0) {
            return kindOf(json(frame).getString("type"));
        }
        int value = at + TYPE_KEY.length;
        if (startsWith(frame, value, MESSAGE)) {
            return Kind.MESSAGE;
        }
        if (startsWith(frame, value, WELCOME)) {
            return Kind.WELCOME;
        }
        return startsWith(frame, value, ERROR) ? Kind.ERROR : Kind.OTHER;
    }

    /** The stamp in the text of a {@code message} frame, or null if the text is not one this generator wrote. */
    static Payload.Stamp stamp(Buffer frame) {
        int at = indexOf(frame, TEXT_KEY, 0);
        if (at >= 0) {
            Payload.Stamp stamp = Payload.decode(frame, at + TEXT_KEY.length);
            if (stamp != null) {
                return stamp;
            }
        }
        String text = json(frame).getString("text");
        return text == null ? null : Payload.decode(Buffer.buffer(text), 0);
    }

    /** The frame as text, shortened for a failure report. */
    static String preview(Buffer frame) {
        String text = frame.toString(StandardCharsets.UTF_8);
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static Kind kindOf(String type) {
        if ("message".equals(type)) {
            return Kind.MESSAGE;
        }
        if ("welcome".equals(type)) {
            return Kind.WELCOME;
        }
        return "error".equals(type) ? Kind.ERROR : Kind.OTHER;
    }

    private static JsonObject json(Buffer frame) {
        try {
            return new JsonObject(frame);
        } catch (DecodeException | ClassCastException e) {
            return new JsonObject();
        }
    }

    static int indexOf(Buffer buffer, byte[] needle, int from) {
        int last = buffer.length() - needle.length;
        byte first = needle[0];
        for (int i = from; i <= last; i++) {
            if (buffer.getByte(i) == first && startsWith(buffer, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(Buffer buffer, int at, byte[] prefix) {
        if (at + prefix.length > buffer.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer.getByte(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
