package org.acme.chat.protocol;

import static org.acme.chat.protocol.FrameJson.optionalString;
import static org.acme.chat.protocol.FrameJson.refused;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a client text frame into a {@link ClientFrame}, or says precisely what is wrong with it: a
 * {@link RefusedException} whose refusal leaves the connection open. Thread-safe.
 */
public final class FrameDecoder {

    private final int maxTextLength;
    private final int maxRefLength;

    public FrameDecoder(int maxTextLength, int maxRefLength) {
        this.maxTextLength = maxTextLength;
        this.maxRefLength = maxRefLength;
    }

    public ClientFrame decode(String frame) throws RefusedException {
        JsonNode root = FrameJson.parseObject(frame);
        return switch (FrameJson.type(root)) {
            case "message" -> decodeSend(root);
            case "ping" -> new ClientFrame.Ping();
            default -> throw refused(Refusal.Kind.UNKNOWN_TYPE, "unknown type; a client may send 'message' or 'ping'");
        };
    }

    private ClientFrame.Send decodeSend(JsonNode root) throws RefusedException {
        String text = text(optionalString(root, "text"));
        String ref = FrameJson.optionalRef(root, maxRefLength);
        return new ClientFrame.Send(text, ref);
    }

    /**
     * A chat text as it is stored and sent ({@code null} counts as empty), whoever sent it (a member's frame or the
     * server API): refused if empty, longer than {@code chat.message.max-length} code points, or holding control
     * characters or unpaired surrogates; bidirectional controls and zero-width characters removed.
     */
    public String text(String text) throws RefusedException {
        if (text == null || text.isBlank()) {
            throw refused(Refusal.Kind.EMPTY_TEXT, "field 'text' must not be empty");
        }
        if (text.length() > maxTextLength && text.codePointCount(0, text.length()) > maxTextLength) {
            throw refused(Refusal.Kind.TEXT_TOO_LONG, "text is longer than " + maxTextLength + " characters");
        }
        if (!TextRules.isPrintable(text)) {
            throw refused(Refusal.Kind.INVALID_TEXT, "text contains control characters or unpaired surrogates");
        }
        text = TextRules.withoutHidden(text); // bidi controls and zero-width characters go: they hide or reorder text
        if (text.isBlank()) {
            throw refused(Refusal.Kind.EMPTY_TEXT, "field 'text' must not be empty (invisible characters do not count)");
        }
        return text;
    }

    /** The longest {@code ref} a frame may carry ({@code chat.message.max-ref-length}). */
    public int maxRefLength() {
        return maxRefLength;
    }
}
