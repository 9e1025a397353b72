package org.acme.chat.protocol.v2;

import static org.acme.chat.protocol.v2.FrameFields.echoedRoom;
import static org.acme.chat.protocol.v2.FrameFields.emoji;
import static org.acme.chat.protocol.v2.FrameFields.id;
import static org.acme.chat.protocol.v2.FrameFields.limit;
import static org.acme.chat.protocol.v2.FrameFields.on;
import static org.acme.chat.protocol.v2.FrameFields.room;
import static org.acme.chat.protocol.v2.FrameFields.since;

import com.fasterxml.jackson.databind.JsonNode;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.FrameJson;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;

/**
 * Turns a v2 client text frame into a {@link ClientFrame}, or says precisely what is wrong with it: a
 * {@link RefusedFrame} (its refusal leaves the connection open) carrying the frame's room and ref when those were
 * valid, for the {@code error} frame. v1's JSON rules ({@link FrameJson}) and text rule
 * ({@link org.acme.chat.protocol.FrameDecoder#text}) apply. Every refusal names the field at fault, never repeats a
 * refused room or id. Thread-safe.
 */
public final class FrameDecoder {

    private final org.acme.chat.protocol.FrameDecoder v1;
    private final int maxRefLength;

    /** Decodes with {@code v1}'s text rule and ref length ({@code chat.message.*}). */
    public FrameDecoder(org.acme.chat.protocol.FrameDecoder v1) {
        this.v1 = v1;
        this.maxRefLength = v1.maxRefLength();
    }

    /** The frame as a record; every refusal is a {@link RefusedFrame}. */
    public ClientFrame decode(String frame) throws RefusedFrame {
        JsonNode root;
        try {
            root = FrameJson.parseObject(frame);
        } catch (RefusedException e) {
            throw new RefusedFrame(e.refusal(), null, null);
        }
        try {
            return decode(root);
        } catch (RefusedException e) {
            throw new RefusedFrame(e.refusal(), echoedRoom(root), echoedRef(root));
        }
    }

    /**
     * {@code refusal} of the whole frame {@code text} (not its content: rate limited, say), with the frame's room and
     * ref when it has valid ones, for the error that answers it.
     */
    public RefusedFrame refused(Refusal refusal, String text) {
        try {
            JsonNode root = FrameJson.parseObject(text);
            return new RefusedFrame(refusal, echoedRoom(root), echoedRef(root));
        } catch (RefusedException e) {
            return new RefusedFrame(refusal, null, null);
        }
    }

    private ClientFrame decode(JsonNode root) throws RefusedException {
        return switch (FrameJson.type(root)) {
            case "join" -> {
                String room = room(root, Refusal.Kind.INVALID_JOIN);
                String ref = ref(root);
                yield new ClientFrame.Join(room, since(root), ref);
            }
            case "leave" -> new ClientFrame.Leave(room(root), ref(root));
            case "message" -> {
                String room = room(root);
                String ref = ref(root);
                yield new ClientFrame.Send(room, text(root), ref);
            }
            case "edit" -> {
                String room = room(root);
                String ref = ref(root);
                MessageId id = id(root, "id");
                yield new ClientFrame.Edit(room, id, text(root), ref);
            }
            case "delete" -> {
                String room = room(root);
                String ref = ref(root);
                yield new ClientFrame.Delete(room, id(root, "id"), ref);
            }
            case "react" -> {
                String room = room(root);
                String ref = ref(root);
                MessageId id = id(root, "id");
                String emoji = emoji(root);
                yield new ClientFrame.React(room, id, emoji, on(root), ref);
            }
            case "typing" -> new ClientFrame.Typing(room(root));
            case "read" -> {
                String room = room(root);
                yield new ClientFrame.Read(room, id(root, "id"));
            }
            case "history" -> {
                String room = room(root);
                String ref = ref(root);
                MessageId before = root.hasNonNull("before") ? id(root, "before") : null;
                yield new ClientFrame.History(room, before, limit(root), ref);
            }
            case "ping" -> new ClientFrame.Ping();
            default -> throw FrameJson.refused(Refusal.Kind.UNKNOWN_TYPE, "unknown type; a client may send join,"
                    + " leave, message, edit, delete, react, typing, read, history or ping");
        };
    }

    private String ref(JsonNode root) throws RefusedException {
        return FrameJson.optionalRef(root, maxRefLength);
    }

    /** Required: a missing text is a malformed frame, not an empty message; then v1's text rule. */
    private String text(JsonNode root) throws RefusedException {
        String text = FrameJson.optionalString(root, "text");
        if (text == null) {
            throw FrameJson.refused(Refusal.Kind.INVALID_MESSAGE, "field 'text' must be a string");
        }
        return v1.text(text);
    }

    /** The frame's ref for the error frame: null unless it is a string within the length limit. */
    private String echoedRef(JsonNode root) {
        JsonNode ref = root.get("ref");
        return ref != null && ref.isTextual() && ref.textValue().length() <= maxRefLength ? ref.textValue() : null;
    }
}
