package org.acme.chat.protocol;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** First frame after open: who you are, who is here (you included), and the recent history, oldest first. */
@RegisterForReflection
public record Welcome(MessageType type, String room, Member you, List<Member> members, List<ChatMessage> history) {

    public Welcome(String room, Member you, List<Member> members, List<ChatMessage> history) {
        this(MessageType.WELCOME, room, you, members, history);
    }
}
