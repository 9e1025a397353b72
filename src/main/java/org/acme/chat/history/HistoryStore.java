package org.acme.chat.history;

import java.util.List;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;

/**
 * Where a room's messages live: the recent ones a joiner gets ({@link #recent}), and more kept for scroll-back
 * ({@link #before}) and resuming, each in its current state (protocol v2 edits, tombstones, reactions). It assigns message ids, so that ids and history order are one and the same.
 * Callers serialise appends per room; different rooms may append concurrently.
 */
public interface HistoryStore {

    /** Stores a message as the room's newest, with the room's next id, and returns it. */
    ChatMessage append(String room, Member from, String text, long ts);

    /** The room's most recent messages, oldest first; empty for a room never seen or already dropped. */
    List<ChatMessage> recent(String room);

    /**
     * The room's messages after {@code after}, oldest first, and whether that is all of them (see {@link Gap}).
     */
    Since since(String room, MessageId after);

    /** Removes message {@code id} from the room's history; false if it does not hold it. */
    boolean delete(String room, MessageId id);

    /** Up to {@code limit} of the room's messages older than {@code before} (null: the newest), oldest first. */
    List<ChatMessage> before(String room, MessageId before, int limit);

    /** Message {@code id} of the room as it stands (edited, a tombstone, with reactions), or null if not held. */
    ChatMessage get(String room, MessageId id);

    /** Replaces the held message of {@code changed}'s id with {@code changed}; false if it is not held. */
    boolean replace(String room, ChatMessage changed);

    /** {@code person}'s read marker in the room (v2), or null; kept as long as the room's history. */
    MessageId readMarker(String room, String person);

    /** Sets {@code person}'s read marker in the room; nothing happens for a room without history. */
    void markRead(String room, String person, MessageId id);

    /** The room has members now: a store that must drop history drops that of rooms without members first. */
    default void occupied(String room) {
    }

    /** The room's last member left. */
    default void vacated(String room) {
    }

    /** What {@link #since} found. */
    record Since(List<ChatMessage> messages, Gap gap) {
    }

    /** Whether messages after the id are missing from {@link Since#messages()}. */
    enum Gap {
        /** None: every message after the id is there. */
        NONE,
        /** Some were dropped already: the history holds fewer than were posted since. */
        TOO_OLD,
        /**
         * The store does not know the id: it is ahead of the room's newest message, or older than a history from which
         * nothing was dropped (the id is from a history dropped before, or from elsewhere), or the room's history is
         * gone.
         */
        UNKNOWN
    }
}
