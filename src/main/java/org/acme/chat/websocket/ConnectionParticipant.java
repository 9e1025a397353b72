package org.acme.chat.websocket;

import io.quarkus.websockets.next.WebSocketConnection;
import org.acme.chat.protocol.Member;
import org.acme.chat.room.Participant;

/** Adapts a WebSocket connection to the room layer: a member of one room whose frames go out on this connection. */
final class ConnectionParticipant implements Participant {

    private final WebSocketConnection connection;
    private final Member member;
    private final String room;

    ConnectionParticipant(WebSocketConnection connection, Member member, String room) {
        this.connection = connection;
        this.member = member;
        this.room = room;
    }

    @Override
    public Member member() {
        return member;
    }

    String room() {
        return room;
    }

    @Override
    public void deliver(String frame) {
        FireAndForget.run(connection.sendText(frame), connection, "delivery");
    }
}
