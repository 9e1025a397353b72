package org.acme.chat.room;

import java.util.regex.Pattern;
import org.acme.chat.history.MessageId;

/**
 * A validated request to join {@code room} as {@code name} (already trimmed), resuming after message {@code since}
 * when that is not null.
 */
public record JoinRequest(String room, String name, MessageId since) {

    /** Room names: a letter or digit, then up to 63 letters, digits, '_', '.', '-'. Case-sensitive. */
    public static final Pattern ROOM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** Member names after trimming: 1 to 32 letters, digits, spaces, '_', '-', '.'. Unicode letters are welcome. */
    public static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} _.-]{1,32}");

    public static JoinRequest parse(String room, String rawName) throws InvalidJoinException {
        return parse(room, rawName, null);
    }

    /** Parses a join that may resume: {@code rawSince} is null, or the id of the last message the client received. */
    public static JoinRequest parse(String room, String rawName, String rawSince) throws InvalidJoinException {
        if (room == null || !ROOM.matcher(room).matches()) {
            throw new InvalidJoinException("invalid room: use 1-64 of A-Z a-z 0-9 _ . - starting with a letter or digit");
        }
        if (rawName == null || rawName.isBlank()) {
            throw new InvalidJoinException("missing name: add ?name=<your name> to the URL");
        }
        String name = rawName.strip();
        if (!NAME.matcher(name).matches()) {
            throw new InvalidJoinException("invalid name: use 1-32 letters, digits, spaces, _ . -");
        }
        MessageId since = null;
        if (rawSince != null) {
            try {
                since = MessageId.parse(rawSince);
            } catch (IllegalArgumentException e) {
                throw new InvalidJoinException("invalid since: give the id of the last message you received");
            }
        }
        return new JoinRequest(room, name, since);
    }
}
