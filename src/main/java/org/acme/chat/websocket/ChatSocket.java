package org.acme.chat.websocket;

import io.opentelemetry.context.Scope;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import org.acme.chat.session.ChatSession;
import org.acme.chat.session.ChatSessions;
import org.acme.chat.transport.vertx.VertxTransport;

/** A chat room over WebSocket (protocol v1): each connection is a {@link ChatSession} in the room of its path. */
@WebSocket(path = "/chat/{room}")
public class ChatSocket extends SessionEndpoint {

    private final ChatSessions chats;

    public ChatSocket(ChatSessions chats) {
        this.chats = chats;
    }

    @OnOpen
    @NonBlocking
    public Uni<Void> onOpen(WebSocketConnection connection) {
        String query = connection.handshakeRequest().query();
        ChatSession session = chats.create(VertxTransport.of(connection));
        // WebSockets Next hands this connection no frame before the returned Uni completes, so even with a broker
        // that answers late (Redis) the welcome is the first frame and early frames are answered after it
        // (EarlyFramesTest). The join's span, if any, starts in the upgrade's trace.
        try (Scope ignored = UpgradeTrace.resume(connection)) {
            return attach(connection, session, session.open(connection.pathParam("room"),
                    Handshake.singleQueryParam(query, "name"), Handshake.singleQueryParam(query, "since"),
                    connection.handshakeRequest()::header));
        }
    }
}
