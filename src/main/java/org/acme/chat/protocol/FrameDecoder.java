package org.acme.chat.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Turns a client text frame into a {@link ClientFrame}, or says precisely what is wrong with it: a
 * {@link RefusedException} whose refusal leaves the connection open. Thread-safe.
 */
public final class FrameDecoder {

    /** Protocol frames are flat objects; deeper JSON is refused before it costs anything. */
    static final int MAX_NESTING_DEPTH = 8;
    /** No protocol field is a number; a long digit string is refused before a costly conversion. */
    static final int MAX_NUMBER_LENGTH = 32;

    private static final ObjectReader READER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH).build())
            .build())
            .build()
            .reader()
            // One object per frame: anything after it is an error, not silently ignored.
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectReader reader = READER;
    private final int maxTextLength;
    private final int maxRefLength;

    public FrameDecoder(int maxTextLength, int maxRefLength) {
        this.maxTextLength = maxTextLength;
        this.maxRefLength = maxRefLength;
    }

    public ClientFrame decode(String frame) throws RefusedException {
        JsonNode root = parse(frame);
        if (!root.isObject()) {
            throw refused(Refusal.Kind.INVALID_MESSAGE, "a frame must be a JSON object");
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            throw refused(Refusal.Kind.INVALID_MESSAGE, "field 'type' must be a string");
        }
        return switch (type.textValue()) {
            case "message" -> decodeSend(root);
            case "ping" -> new ClientFrame.Ping();
            default -> throw refused(Refusal.Kind.UNKNOWN_TYPE, "unknown type; a client may send 'message' or 'ping'");
        };
    }

    private JsonNode parse(String frame) throws RefusedException {
        try {
            JsonNode root = reader.readTree(frame);
            if (root == null || root.isMissingNode()) {
                throw refused(Refusal.Kind.INVALID_JSON, "empty frame");
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw refused(Refusal.Kind.INVALID_JSON, "frame is nested too deeply or has an over-long number");
        } catch (JsonProcessingException e) {
            throw refused(Refusal.Kind.INVALID_JSON, "frame is not valid JSON");
        }
    }

    private ClientFrame.Send decodeSend(JsonNode root) throws RefusedException {
        String text = text(optionalString(root, "text"));
        String ref = optionalString(root, "ref");
        if (ref != null && ref.length() > maxRefLength) {
            throw refused(Refusal.Kind.REF_TOO_LONG, "ref is longer than " + maxRefLength + " characters");
        }
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

    private static RefusedException refused(Refusal.Kind kind, String message) {
        return new RefusedException(kind.because(message));
    }

    private static String optionalString(JsonNode root, String field) throws RefusedException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw refused(Refusal.Kind.INVALID_MESSAGE, "field '" + field + "' must be a string");
        }
        return node.textValue();
    }
}
