package org.acme.chat.protocol;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A bad client frame was refused; the connection stays open. {@code code} is the refusal's code. */
@RegisterForReflection
public record ErrorEvent(MessageType type, String code, String message) {

    public ErrorEvent(Refusal refusal) {
        this(MessageType.ERROR, refusal.code(), refusal.message());
    }
}
