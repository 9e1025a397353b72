package org.acme.chat.protocol.v2;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.MessageType;

/** The first frame of a v2 connection: who the person is, this connection's id, and how many rooms it may join. */
@RegisterForReflection
public record Hello(MessageType type, Member you, String session, int maxRooms) {

    public Hello(Member you, String session, int maxRooms) {
        this(MessageType.HELLO, you, session, maxRooms);
    }
}
