package org.acme.chat.protocol;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A {@code join} or {@code leave} event, sent to the other members of the room. */
@RegisterForReflection
public record Presence(MessageType type, String room, Member member, long ts) {

    public static Presence join(String room, Member member, long ts) {
        return new Presence(MessageType.JOIN, room, member, ts);
    }

    public static Presence leave(String room, Member member, long ts) {
        return new Presence(MessageType.LEAVE, room, member, ts);
    }
}
