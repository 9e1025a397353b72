package org.acme.chat.protocol.v2;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.acme.chat.protocol.MessageType;

/** Tells the sender which message id its {@code message} with {@code ref} became in {@code room}. */
@RegisterForReflection
public record Acked(MessageType type, String room, String ref, String id) {

    public Acked(String room, String ref, String id) {
        this(MessageType.ACK, room, ref, id);
    }
}
