package org.acme.chat.protocol;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A bad client frame was refused; the connection stays open. */
@RegisterForReflection
public record ErrorEvent(MessageType type, ErrorCode code, String message) {

    public ErrorEvent(ErrorCode code, String message) {
        this(MessageType.ERROR, code, message);
    }
}
