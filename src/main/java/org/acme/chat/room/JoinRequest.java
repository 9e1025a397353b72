package org.acme.chat.room;

import java.util.regex.Pattern;
import org.acme.chat.broker.NameKey;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;
import org.acme.chat.protocol.TextRules;

/**
 * A validated request to join {@code room} as {@code name} (already trimmed), resuming after message {@code since}
 * when that is not null.
 */
public record JoinRequest(String room, String name, MessageId since) {

    /** Room names: a letter or digit, then up to 63 letters, digits, '_', '.', '-'. Case-sensitive. */
    public static final String ROOM_REGEX = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
    public static final Pattern ROOM = Pattern.compile(ROOM_REGEX);
    /**
     * Member names after trimming: 1 to 32 letters, digits, spaces, '_', '-', '.'. Unicode letters are welcome, of any
     * script and mixed (look-alikes are kept apart by {@code broker.NameKey}, not refused here).
     */
    public static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} _.-]{1,32}");
    /**
     * The name of the server API's sender: no member may take it, nor one that reads alike ({@code System},
     * {@code ѕystem}), so that a message from it is always the server's.
     */
    public static final String SYSTEM_NAME = "system";
    private static final String SYSTEM_KEY = NameKey.of(SYSTEM_NAME);
    /** A valid name, for checking a room and {@code since} before the name is known (it may come from a token). */
    static final String ANY_NAME = "x";
    /** A valid room, for checking a name alone. */
    private static final String ANY_ROOM = "x";

    public static JoinRequest parse(String room, String rawName) throws RefusedException {
        return parse(room, rawName, null);
    }

    /** Validates a name alone (a v2 connection joins rooms later); throws as {@link #parse} does. */
    public static String name(String rawName) throws RefusedException {
        return parse(ANY_ROOM, rawName).name();
    }

    private static RefusedException invalid(String reason) {
        return new RefusedException(Refusal.Kind.INVALID_JOIN.because(reason));
    }

    /**
     * Parses a join that may resume: {@code rawSince} is null, or the id of the last message the client received.
     * Throws a refusal of kind {@code INVALID_JOIN} whose message says which rule was broken.
     */
    public static JoinRequest parse(String room, String rawName, String rawSince) throws RefusedException {
        if (room == null || !ROOM.matcher(room).matches()) {
            throw invalid("invalid room: use 1-64 of A-Z a-z 0-9 _ . - starting with a letter or digit");
        }
        if (rawName == null || rawName.isBlank()) {
            throw invalid("missing name: add ?name=<your name> to the URL");
        }
        String name = rawName.strip();
        if (TextRules.hasHidden(name)) {
            throw invalid("invalid name: no invisible or text-direction characters (zero-width spaces, joiners,"
                    + " bidirectional controls)");
        }
        if (!NAME.matcher(name).matches()) {
            throw invalid("invalid name: use 1-32 letters, digits, spaces, _ . -");
        }
        if (NameKey.of(name).equals(SYSTEM_KEY)) {
            throw invalid("invalid name: '" + SYSTEM_NAME + "' is reserved for the server");
        }
        MessageId since = null;
        if (rawSince != null) {
            try {
                since = MessageId.parse(rawSince);
            } catch (IllegalArgumentException e) {
                throw invalid("invalid since: give the id of the last message you received");
            }
        }
        return new JoinRequest(room, name, since);
    }
}
