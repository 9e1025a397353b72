package org.acme.chat.protocol.v2;

import org.acme.chat.history.MessageId;

/**
 * A decoded, validated v2 frame from a client. Room names are valid (v1's room rule), ids parsed, texts cleaned as
 * v1's {@code FrameDecoder.text} does, emoji checked ({@link Emoji}); {@code ref} is null when absent.
 */
public sealed interface ClientFrame {

    /** A frame about one room. */
    sealed interface InRoom extends ClientFrame {
        String room();

        /** The client's reference echoed in the answer, or null. */
        default String ref() {
            return null;
        }
    }

    /** {@code since} null: the recent history. */
    record Join(String room, MessageId since, String ref) implements InRoom {
    }

    record Leave(String room, String ref) implements InRoom {
    }

    record Send(String room, String text, String ref) implements InRoom {
    }

    record Edit(String room, MessageId id, String text, String ref) implements InRoom {
    }

    record Delete(String room, MessageId id, String ref) implements InRoom {
    }

    record React(String room, MessageId id, String emoji, boolean on, String ref) implements InRoom {
    }

    record Typing(String room) implements InRoom {
    }

    record Read(String room, MessageId id) implements InRoom {
    }

    /** {@code before} null: from the newest; {@code limit} 1–100. */
    record History(String room, MessageId before, int limit, String ref) implements InRoom {
    }

    record Ping() implements ClientFrame {
    }
}
