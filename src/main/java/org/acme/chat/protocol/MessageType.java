package org.acme.chat.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code type} of every frame of protocols v1 and v2, as it appears on the wire. v1 members get no frame for the
 * v2-only room events ({@code DELETED}, {@code EDITED}, {@code REACTION}, {@code TYPING}, {@code READ}), and a member
 * removed ({@code REMOVED}, a kick or ban) is closed with 4403 in v1 and sent {@code left} in v2.
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
    REMOVED("removed"),
    // Protocol v2 (/ws) only.
    HELLO("hello"),
    JOINED("joined"),
    LEFT("left"),
    EDITED("edited"),
    REACTION("reaction"),
    TYPING("typing"),
    READ("read"),
    HISTORY("history");

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
