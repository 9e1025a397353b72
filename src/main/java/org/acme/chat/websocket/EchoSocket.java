package org.acme.chat.websocket;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPingMessage;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import org.acme.chat.limits.FloodGuard;
import org.acme.chat.metrics.ChatMetrics;

/**
 * Connectivity check: every message comes back unchanged, text as text and binary as binary. Under the same
 * admission, heartbeat and frame budget as chat, so it also shows whether pings get through a proxy.
 */
@WebSocket(path = "/echo")
public class EchoSocket {

    private final Admission admission;
    private final ChatMetrics metrics;

    public EchoSocket(Admission admission, ChatMetrics metrics) {
        this.admission = admission;
        this.metrics = metrics;
    }

    @OnOpen
    @NonBlocking
    public Uni<Void> onOpen(WebSocketConnection connection) {
        CloseReason refused = admission.admit(connection);
        if (refused != null) {
            return connection.close(refused);
        }
        admission.watch(connection, () -> {
        });
        return Uni.createFrom().voidItem();
    }

    @OnTextMessage
    @NonBlocking
    public Uni<Void> onText(String message, WebSocketConnection connection) {
        return admitted(connection) ? connection.sendText(message) : Uni.createFrom().voidItem();
    }

    @OnBinaryMessage
    @NonBlocking
    public Uni<Void> onBinary(Buffer message, WebSocketConnection connection) {
        return admitted(connection) ? connection.sendBinary(message) : Uni.createFrom().voidItem();
    }

    @OnPingMessage
    @NonBlocking
    public void onPing(Buffer ignored, WebSocketConnection connection) {
        admitted(connection);
    }

    @OnPongMessage
    @NonBlocking
    public void onPong(Buffer ignored, WebSocketConnection connection) {
        admission.heard(connection);
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        admission.release(connection);
    }

    @OnError
    @NonBlocking
    public Uni<Void> onError(Throwable failure, WebSocketConnection connection) {
        return Failures.close(failure, connection, metrics);
    }

    /** Spends the frame budget: over it the frame is dropped (no error event on echo), then the connection closed. */
    private boolean admitted(WebSocketConnection connection) {
        FloodGuard.Verdict verdict = admission.inbound(connection);
        if (verdict == FloodGuard.Verdict.CLOSE) {
            FireAndForget.run(connection.close(Admission.RATE_LIMITED), connection, "rate limit close");
        }
        return verdict == FloodGuard.Verdict.ALLOW;
    }
}
