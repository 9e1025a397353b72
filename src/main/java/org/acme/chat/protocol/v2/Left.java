package org.acme.chat.protocol.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.acme.chat.protocol.MessageType;

/**
 * This session is out of {@code room}: it asked ({@code ref} echoed), or the server API removed the person
 * ({@code code} {@code kicked}, with the API's {@code reason}).
 */
@RegisterForReflection
public record Left(MessageType type, String room, @JsonInclude(JsonInclude.Include.NON_NULL) String ref,
        @JsonInclude(JsonInclude.Include.NON_NULL) String code,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

    public static Left asked(String room, String ref) {
        return new Left(MessageType.LEFT, room, ref, null, null);
    }

    public static Left removed(String room, String code, String reason) {
        return new Left(MessageType.LEFT, room, null, code, reason);
    }
}
