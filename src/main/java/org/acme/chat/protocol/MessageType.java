package org.acme.chat.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code type} of every frame of protocol v1, as it appears on the wire, and of the two room events that v1 members
 * get no frame for: a message deleted ({@code DELETED}, the server API's delete; a v2 {@code deleted} event) and a
 * member removed ({@code REMOVED}, a kick or ban: v1 closes the connection with 4403, v2 will send {@code left}).
 */
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
    ERROR("error"),
    DELETED("deleted"),
    REMOVED("removed");

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
