package org.acme.chat.protocol.v2;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.FrameJson;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;

/**
 * How {@link FrameDecoder} reads each v2 field: the rule, and the refusal that names the field (never repeating a
 * refused room or id).
 */
final class FrameFields {

    /**
     * v1's room rule, {@code room.JoinRequest.ROOM_REGEX} (this package may not depend on {@code room}, which depends
     * on it through the broker: FrameDecoderV2Test checks the two are the same).
     */
    static final String ROOM_REGEX = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
    private static final Pattern ROOM = Pattern.compile(ROOM_REGEX);
    private static final String ROOM_RULE = "1-64 of A-Z a-z 0-9 _ . - starting with a letter or digit";
    /** {@code history}'s page size when the frame gives none, and the largest it may give. */
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private FrameFields() {
    }

    static String room(JsonNode root) throws RefusedException {
        return room(root, Refusal.Kind.INVALID_MESSAGE);
    }

    /** A valid room name; a malformed one is refused as {@code malformed}, its value not repeated. */
    static String room(JsonNode root, Refusal.Kind malformed) throws RefusedException {
        String room = FrameJson.optionalString(root, "room");
        if (room == null) {
            throw FrameJson.refused(Refusal.Kind.INVALID_MESSAGE, "field 'room' must be a string");
        }
        if (!ROOM.matcher(room).matches()) {
            throw FrameJson.refused(malformed, malformed == Refusal.Kind.INVALID_JOIN
                    ? "invalid room: use " + ROOM_RULE : "field 'room' must be a room name: " + ROOM_RULE);
        }
        return room;
    }

    /** A required (for {@code before}: present) message id; its value is not repeated when refused. */
    static MessageId id(JsonNode root, String field) throws RefusedException {
        JsonNode node = root.get(field);
        if (node != null && node.isTextual()) {
            try {
                return MessageId.parse(node.textValue());
            } catch (IllegalArgumentException e) {
                // refused below
            }
        }
        throw FrameJson.refused(Refusal.Kind.INVALID_MESSAGE, "field '" + field + "' must be a message id");
    }

    static MessageId since(JsonNode root) throws RefusedException {
        String since = FrameJson.optionalString(root, "since");
        if (since == null) {
            return null;
        }
        try {
            return MessageId.parse(since);
        } catch (IllegalArgumentException e) {
            throw FrameJson.refused(Refusal.Kind.INVALID_JOIN,
                    "invalid since: give the id of the last message you received");
        }
    }

    static String emoji(JsonNode root) throws RefusedException {
        JsonNode node = root.get("emoji");
        if (node == null || !node.isTextual() || !Emoji.isOne(node.textValue())) {
            throw FrameJson.refused(Refusal.Kind.INVALID_EMOJI, "field 'emoji' must be one emoji");
        }
        return node.textValue();
    }

    static boolean on(JsonNode root) throws RefusedException {
        JsonNode node = root.get("on");
        if (node == null || !node.isBoolean()) {
            throw FrameJson.refused(Refusal.Kind.INVALID_MESSAGE, "field 'on' must be true or false");
        }
        return node.booleanValue();
    }

    static int limit(JsonNode root) throws RefusedException {
        JsonNode node = root.get("limit");
        if (node == null || node.isNull()) {
            return DEFAULT_LIMIT;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1
                || node.intValue() > MAX_LIMIT) {
            throw FrameJson.refused(Refusal.Kind.INVALID_MESSAGE,
                    "field 'limit' must be a whole number from 1 to " + MAX_LIMIT);
        }
        return node.intValue();
    }

    /** The frame's room for the error frame: null unless it is a valid room name. */
    static String echoedRoom(JsonNode root) {
        JsonNode room = root.get("room");
        return room != null && room.isTextual() && ROOM.matcher(room.textValue()).matches() ? room.textValue() : null;
    }
}
