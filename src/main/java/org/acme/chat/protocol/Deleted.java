package org.acme.chat.protocol;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A message of {@code room} was deleted through the server API: the room event every node hands its members. Protocol
 * v1 has no frame for it (its members only find the message gone from history); this is what a v2 {@code deleted}
 * event is to carry.
 */
@RegisterForReflection
public record Deleted(MessageType type, String room, String id, long ts) {

    public Deleted(String room, String id, long ts) {
        this(MessageType.DELETED, room, id, ts);
    }
}
