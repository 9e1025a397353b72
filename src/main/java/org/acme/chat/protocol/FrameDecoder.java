package org.acme.chat.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/** Turns a client text frame into a {@link ClientFrame}, or says precisely what is wrong with it. Thread-safe. */
public final class FrameDecoder {

    private final ObjectReader reader;
    private final int maxTextLength;
    private final int maxRefLength;

    public FrameDecoder(ObjectMapper mapper, int maxTextLength, int maxRefLength) {
        // One object per frame: anything after it is an error, not silently ignored.
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxTextLength = maxTextLength;
        this.maxRefLength = maxRefLength;
    }

    public ClientFrame decode(String frame) throws ProtocolException {
        JsonNode root = parse(frame);
        if (!root.isObject()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "a frame must be a JSON object");
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "field 'type' must be a string");
        }
        return switch (type.textValue()) {
            case "message" -> decodeSend(root);
            case "ping" -> new ClientFrame.Ping();
            default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                    "unknown type; a client may send 'message' or 'ping'");
        };
    }

    private JsonNode parse(String frame) throws ProtocolException {
        try {
            JsonNode root = reader.readTree(frame);
            if (root == null || root.isMissingNode()) {
                throw new ProtocolException(ErrorCode.INVALID_JSON, "empty frame");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.INVALID_JSON, "frame is not valid JSON");
        }
    }

    private ClientFrame.Send decodeSend(JsonNode root) throws ProtocolException {
        String text = optionalString(root, "text");
        if (text == null || text.isBlank()) {
            throw new ProtocolException(ErrorCode.EMPTY_TEXT, "field 'text' must not be empty");
        }
        if (text.length() > maxTextLength && text.codePointCount(0, text.length()) > maxTextLength) {
            throw new ProtocolException(ErrorCode.TEXT_TOO_LONG,
                    "text is longer than " + maxTextLength + " characters");
        }
        String ref = optionalString(root, "ref");
        if (ref != null && ref.length() > maxRefLength) {
            throw new ProtocolException(ErrorCode.REF_TOO_LONG, "ref is longer than " + maxRefLength + " characters");
        }
        return new ClientFrame.Send(text, ref);
    }

    private static String optionalString(JsonNode root, String field) throws ProtocolException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "field '" + field + "' must be a string");
        }
        return node.textValue();
    }
}
