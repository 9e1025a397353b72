package org.acme.chat.websocket;

import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletableFuture;
import org.acme.chat.auth.TokenAuth;
import org.acme.chat.session.Admission;
import org.acme.chat.session.EchoSession;
import org.acme.chat.transport.vertx.VertxTransport;

/**
 * The connectivity check: each connection is an {@link EchoSession} ("ping" → "pong", "bye" → 1000, else echoed).
 * With {@code chat.echo.enabled=false} the upgrade guard answers 404 and no connection gets here.
 */
@WebSocket(path = "/echo")
public class EchoSocket extends SessionEndpoint {

    private final Admission admission;
    private final TokenAuth auth;

    public EchoSocket(Admission admission, TokenAuth auth) {
        this.admission = admission;
        this.auth = auth;
    }

    @OnOpen
    @NonBlocking
    public Uni<Void> onOpen(WebSocketConnection connection) {
        EchoSession session = new EchoSession(VertxTransport.of(connection), admission, auth);
        Uni<Void> attached = attach(connection, session, CompletableFuture.completedFuture(null));
        session.open(connection.handshakeRequest()::header);
        return attached;
    }
}
