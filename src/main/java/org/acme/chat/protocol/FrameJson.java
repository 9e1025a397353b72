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
 * The JSON rules every client frame meets, v1's and v2's: one JSON value per frame, at most
 * {@value #MAX_NESTING_DEPTH} levels deep, no number over {@value #MAX_NUMBER_LENGTH} characters, nothing after it;
 * and how a field that must be a string is read. Each failure is a {@link RefusedException} that leaves the
 * connection open. Thread-safe.
 */
public final class FrameJson {

    /** Protocol frames are flat objects; deeper JSON is refused before it costs anything. */
    static final int MAX_NESTING_DEPTH = 8;
    /** No protocol field is a long number; a long digit string is refused before a costly conversion. */
    static final int MAX_NUMBER_LENGTH = 32;

    private static final ObjectReader READER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH).build())
            .build())
            .build()
            .reader()
            // One object per frame: anything after it is an error, not silently ignored.
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private FrameJson() {
    }

    /** The frame's JSON value, of any kind; {@code INVALID_JSON} when it is not one. */
    static JsonNode parse(String frame) throws RefusedException {
        try {
            JsonNode root = READER.readTree(frame);
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

    /** The frame as a JSON object: {@code INVALID_JSON} when it is no JSON, {@code INVALID_MESSAGE} when no object. */
    public static JsonNode parseObject(String frame) throws RefusedException {
        JsonNode root = parse(frame);
        if (!root.isObject()) {
            throw refused(Refusal.Kind.INVALID_MESSAGE, "a frame must be a JSON object");
        }
        return root;
    }

    /** The frame's {@code type}; {@code INVALID_MESSAGE} when that is missing or not a string. */
    public static String type(JsonNode root) throws RefusedException {
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            throw refused(Refusal.Kind.INVALID_MESSAGE, "field 'type' must be a string");
        }
        return type.textValue();
    }

    /** The string {@code field} of {@code root}, null when absent or JSON null; {@code INVALID_MESSAGE} otherwise. */
    public static String optionalString(JsonNode root, String field) throws RefusedException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw refused(Refusal.Kind.INVALID_MESSAGE, "field '" + field + "' must be a string");
        }
        return node.textValue();
    }

    /**
     * The frame's {@code ref}, null when absent: {@code INVALID_MESSAGE} when it is not a string, {@code REF_TOO_LONG}
     * when it is longer than {@code maxLength} ({@code chat.message.max-ref-length}).
     */
    public static String optionalRef(JsonNode root, int maxLength) throws RefusedException {
        String ref = optionalString(root, "ref");
        if (ref != null && ref.length() > maxLength) {
            throw refused(Refusal.Kind.REF_TOO_LONG, "ref is longer than " + maxLength + " characters");
        }
        return ref;
    }

    /** A refusal of {@code kind} with {@code message}, ready to throw. */
    public static RefusedException refused(Refusal.Kind kind, String message) {
        return new RefusedException(kind.because(message));
    }
}
