package org.acme.chat.protocol.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.MessageType;

/** One page of scroll-back, oldest first; {@code more} says whether older messages exist. */
@RegisterForReflection
public record HistoryPage(MessageType type, String room, @JsonInclude(JsonInclude.Include.NON_NULL) String ref,
        List<ChatMessage> messages, boolean more) {

    public HistoryPage(String room, String ref, List<ChatMessage> messages, boolean more) {
        this(MessageType.HISTORY, room, ref, messages, more);
    }
}
