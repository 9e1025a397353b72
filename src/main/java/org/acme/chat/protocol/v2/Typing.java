package org.acme.chat.protocol.v2;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.MessageType;

/** {@code member} is typing in {@code room} (ephemeral: never stored). */
@RegisterForReflection
public record Typing(MessageType type, String room, Member member) {

    public Typing(String room, Member member) {
        this(MessageType.TYPING, room, member);
    }
}
