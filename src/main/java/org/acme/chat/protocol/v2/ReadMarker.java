package org.acme.chat.protocol.v2;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.MessageType;

/** {@code member} has read {@code room} up to message {@code id}. */
@RegisterForReflection
public record ReadMarker(MessageType type, String room, Member member, String id) {

    public ReadMarker(String room, Member member, String id) {
        this(MessageType.READ, room, member, id);
    }
}
