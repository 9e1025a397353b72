package org.acme.chat.websocket;

import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import org.acme.chat.session.ChatSessions;
import org.acme.chat.session.PersonSession;
import org.acme.chat.transport.vertx.VertxTransport;

/** Chat over WebSocket, protocol v2: each connection is a {@link PersonSession}, in the rooms it joins. */
@WebSocket(path = "/ws")
public class PersonSocket extends SessionEndpoint {

    private final ChatSessions chats;

    public PersonSocket(ChatSessions chats) {
        this.chats = chats;
    }

    @OnOpen
    @NonBlocking
    public Uni<Void> onOpen(WebSocketConnection connection) {
        String query = connection.handshakeRequest().query();
        PersonSession session = chats.createPerson(VertxTransport.of(connection));
        return attach(connection, session, session.open(Handshake.singleQueryParam(query, "name"),
                Handshake.singleQueryParam(query, "client"), connection.handshakeRequest()::header));
    }
}
