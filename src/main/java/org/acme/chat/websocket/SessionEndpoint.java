package org.acme.chat.websocket;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnPingMessage;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.CompletionStage;
import org.acme.chat.logging.ConnectionLog;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.session.Session;
import org.acme.chat.transport.vertx.FrameFailures;

/**
 * The lifecycle every endpoint shares: each connection gets a {@link Session} on open (the subclass's
 * {@code @OnOpen} makes it), and every later callback hands the frame or event to that session. The endpoints hold no
 * logic of their own. Callbacks run on the connection's event loop, one at a time, and never block.
 */
public abstract class SessionEndpoint {

    private static final TypedKey<Session> SESSION = new TypedKey<>("chat.session");
    private static final ConnectionLog LOG = ConnectionLog.of(SessionEndpoint.class);

    /**
     * Keeps {@code session} with its connection, then returns {@code opened} as the {@code @OnOpen} result:
     * WebSockets Next hands the connection no frame before it completes.
     */
    protected static Uni<Void> attach(WebSocketConnection connection, Session session,
            CompletionStage<Void> opened) {
        connection.userData().put(SESSION, session);
        return Uni.createFrom().completionStage(opened);
    }

    @OnTextMessage
    @NonBlocking
    public void onText(String text, WebSocketConnection connection) {
        Session session = connection.userData().get(SESSION);
        if (session != null) {
            session.onText(text);
        }
    }

    @OnBinaryMessage
    @NonBlocking
    public void onBinary(Buffer data, WebSocketConnection connection) {
        Session session = connection.userData().get(SESSION);
        if (session != null) {
            session.onBinary(data.getBytes());
        }
    }

    @OnPingMessage
    @NonBlocking
    public void onPing(Buffer ignored, WebSocketConnection connection) {
        Session session = connection.userData().get(SESSION);
        if (session != null) {
            session.onPing();
        }
    }

    @OnPongMessage
    @NonBlocking
    public void onPong(Buffer ignored, WebSocketConnection connection) {
        Session session = connection.userData().get(SESSION);
        if (session != null) {
            session.onPong();
        }
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        Session session = connection.userData().remove(SESSION);
        if (session != null) {
            session.onClose();
        }
    }

    @OnError
    @NonBlocking
    public void onError(Throwable failure, WebSocketConnection connection) {
        Session session = connection.userData().get(SESSION);
        if (session == null || connection.isClosed()) {
            // The TCP connection is already gone (e.g. Netty dropped a frame over the hard cap); @OnClose cleans up.
            LOG.debugf(connection.id(), "error on closed connection %s: %s", connection.id(), failure);
            return;
        }
        Refusal refusal = FrameFailures.classify(failure);
        if (refusal == Refusal.Kind.INTERNAL_ERROR) {
            LOG.errorf(connection.id(), failure, "closing connection %s after an unexpected error", connection.id());
        } else {
            LOG.debugf(connection.id(), "closing connection %s: %s", connection.id(), failure.getMessage());
        }
        session.onFailure(refusal);
    }
}
