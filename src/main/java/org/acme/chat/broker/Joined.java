package org.acme.chat.broker;

import java.util.List;
import java.util.Map;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;

/**
 * What a joiner's welcome is made of: the room's members (persons, the joiner included, in order of arrival), its
 * recent history or, when it resumed with {@code since}, the messages it missed, and the {@code seq} of its own join
 * event (or of the room's last event, when the person was present already): it is to receive exactly the room's
 * events after that one. {@code resume} is null when it did not ask to resume. {@code sessions} counts each person's
 * connections in the room (a person missing from it has one); {@code read} is the joiner's last read marker, or null.
 */
public record Joined(List<Member> members, List<ChatMessage> history, long seq, Resume resume,
        Map<String, Integer> sessions, MessageId read) {

    public Joined(List<Member> members, List<ChatMessage> history, long seq, Resume resume) {
        this(members, history, seq, resume, Map.of(), null);
    }

    /** How many sessions {@code member} has in the room. */
    public int sessionsOf(Member member) {
        return sessions.getOrDefault(member.id(), 1);
    }

    /** The same welcome with another history (trimmed to the welcome's budget) and resume status. */
    public Joined with(List<ChatMessage> newHistory, Resume newResume) {
        return new Joined(members, newHistory, seq, newResume, sessions, read);
    }

    /** Whether every message after {@code since} is in {@code history}, and if not, why. */
    public record Resume(boolean recovered, String reason) {

        public static final Resume RECOVERED = new Resume(true, null);

        /** More messages than the history holds were posted since. */
        public static final Resume TOO_OLD = new Resume(false,
                "more messages were posted since than the history keeps: some are missing");

        /** More messages were posted since than one welcome carries ({@code chat.history.welcome-max-bytes}). */
        public static final Resume OVER_BUDGET = new Resume(false,
                "more messages were posted since than one welcome carries: the oldest are missing");

        /** The id is not one this room has reached (its history is gone, or the id is from elsewhere). */
        public static final Resume UNKNOWN = new Resume(false,
                "the room's history does not reach that id: some messages may be missing");
    }
}
