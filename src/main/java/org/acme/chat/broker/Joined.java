package org.acme.chat.broker;

import java.util.List;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;

/**
 * What a joiner's welcome is made of: the room's members (the joiner included, in order of arrival), its recent
 * history or, when it resumed with {@code since}, the messages it missed, and the {@code seq} of its own join event:
 * it is to receive exactly the room's events after that one. {@code resume} is null when it did not ask to resume.
 */
public record Joined(List<Member> members, List<ChatMessage> history, long seq, Resume resume) {

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
