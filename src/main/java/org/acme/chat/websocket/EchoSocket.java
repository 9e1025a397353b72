package org.acme.chat.websocket;

import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletableFuture;
import org.acme.chat.session.Admission;
import org.acme.chat.session.EchoSession;
import org.acme.chat.transport.vertx.VertxTransport;

/** The connectivity check: each connection is an {@link EchoSession} ("ping" → "pong", "bye" → 1000, else echoed). */
@WebSocket(path = "/echo")
public class EchoSocket extends SessionEndpoint {

    private final Admission admission;

    public EchoSocket(Admission admission) {
        this.admission = admission;
    }

    @OnOpen
    @NonBlocking
    public Uni<Void> onOpen(WebSocketConnection connection) {
        EchoSession session = new EchoSession(VertxTransport.of(connection), admission);
        Uni<Void> attached = attach(connection, session, CompletableFuture.completedFuture(null));
        session.open();
        return attached;
    }
}
