package org.acme.chat.protocol.v2;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.acme.chat.protocol.MessageType;

/** Message {@code id} of {@code room} now reads {@code text}, since {@code editedAt} (server epoch ms). */
@RegisterForReflection
public record Edited(MessageType type, String room, String id, String text, long editedAt) {

    public Edited(String room, String id, String text, long editedAt) {
        this(MessageType.EDITED, room, id, text, editedAt);
    }
}
