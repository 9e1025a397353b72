package org.acme.chat.protocol.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.acme.chat.protocol.MessageType;
import org.acme.chat.protocol.Refusal;

/** A refused frame (the connection stays open), with the room and the frame's {@code ref} where they apply. */
@RegisterForReflection
public record ErrorFrame(MessageType type, String code, String message,
        @JsonInclude(JsonInclude.Include.NON_NULL) String room,
        @JsonInclude(JsonInclude.Include.NON_NULL) String ref) {

    public ErrorFrame(Refusal refusal, String room, String ref) {
        this(MessageType.ERROR, refusal.code(), refusal.message(), room, ref);
    }
}
