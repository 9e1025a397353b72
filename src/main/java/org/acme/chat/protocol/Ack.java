package org.acme.chat.protocol;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Tells the sender which message id its frame with {@code ref} became. */
@RegisterForReflection
public record Ack(MessageType type, String ref, String id) {

    public Ack(String ref, String id) {
        this(MessageType.ACK, ref, id);
    }
}
