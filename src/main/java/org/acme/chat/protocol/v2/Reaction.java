package org.acme.chat.protocol.v2;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.MessageType;

/** {@code member} put ({@code on}) or took back their {@code emoji} on message {@code id}. */
@RegisterForReflection
public record Reaction(MessageType type, String room, String id, String emoji, Member member, boolean on) {

    public Reaction(String room, String id, String emoji, Member member, boolean on) {
        this(MessageType.REACTION, room, id, emoji, member, on);
    }
}
