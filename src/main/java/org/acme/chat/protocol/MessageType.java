package org.acme.chat.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The {@code type} of every frame of protocol v1, as it appears on the wire. */
// Jackson finds @JsonValue by reflection: without this, a native image writes the constant's name instead.
@RegisterForReflection
public enum MessageType {
    WELCOME("welcome"),
    MESSAGE("message"),
    JOIN("join"),
    LEAVE("leave"),
    ACK("ack"),
    PING("ping"),
    PONG("pong"),
    ERROR("error");

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
