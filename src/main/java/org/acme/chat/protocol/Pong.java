package org.acme.chat.protocol;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer to an application-level {@code ping}, so that a browser page can detect a dead link. */
@RegisterForReflection
public record Pong(MessageType type, long ts) {

    public Pong(long ts) {
        this(MessageType.PONG, ts);
    }
}
