package org.acme.chat.broker;

/** What became of a change to a stored message (an edit, a delete, a reaction, a read marker). */
public enum Change {
    /** Done, and announced to the room. */
    DONE,
    /** Nothing to do: the reaction was there (or not) already, the read marker is at or past the id. Not announced. */
    UNCHANGED,
    /** The room's history does not hold the message (or it is deleted, for an edit or a reaction). */
    NOT_FOUND,
    /** The message is someone else's (an edit or a delete). */
    FORBIDDEN,
    /**
     * A reaction with a new emoji on a message that has {@link #MAX_EMOJI} different ones already, or any new reaction
     * on one that holds {@link #MAX_REACTIONS}.
     */
    TOO_MANY_EMOJI;

    /** Different emoji one message may hold. */
    public static final int MAX_EMOJI = 20;
    /** Reactions (person and emoji) one message may hold, all emoji together: a stranger cannot grow one forever. */
    public static final int MAX_REACTIONS = 500;
}
