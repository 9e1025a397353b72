package org.acme.chat.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * First frame after open: who you are, who is here (you included), and the recent history, oldest first. When the
 * client resumed with {@code since}, {@code history} holds the messages after that id instead, and {@code recovered}
 * says whether that is all of them ({@code reason} says why not); both are absent otherwise.
 */
@RegisterForReflection
public record Welcome(MessageType type, String room, Member you, List<Member> members, List<ChatMessage> history,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean recovered,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

    public Welcome(String room, Member you, List<Member> members, List<ChatMessage> history, Boolean recovered,
            String reason) {
        this(MessageType.WELCOME, room, you, members, history, recovered, reason);
    }
}
