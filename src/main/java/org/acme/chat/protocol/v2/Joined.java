package org.acme.chat.protocol.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.MessageType;

/**
 * The answer to a {@code join}: the room's people, its recent history (or what was missed since {@code since}, with
 * {@code recovered} and {@code reason} as in v1's welcome) and the person's last read marker in it.
 */
@RegisterForReflection
public record Joined(MessageType type, String room, @JsonInclude(JsonInclude.Include.NON_NULL) String ref,
        List<Person> members, List<ChatMessage> history,
        @JsonInclude(JsonInclude.Include.NON_NULL) String read,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean recovered,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

    public Joined(String room, String ref, List<Person> members, List<ChatMessage> history, String read,
            Boolean recovered, String reason) {
        this(MessageType.JOINED, room, ref, members, history, read, recovered, reason);
    }
}
