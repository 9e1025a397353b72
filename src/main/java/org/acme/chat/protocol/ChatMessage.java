package org.acme.chat.protocol;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A chat message as delivered to members and kept in history. {@code id} is {@code <ms>-<seq>} and increases within a
 * room; {@code ts} is server epoch milliseconds.
 */
@RegisterForReflection
public record ChatMessage(MessageType type, String id, String room, Member from, String text, long ts) {

    public ChatMessage(String id, String room, Member from, String text, long ts) {
        this(MessageType.MESSAGE, id, room, from, text, ts);
    }
}
