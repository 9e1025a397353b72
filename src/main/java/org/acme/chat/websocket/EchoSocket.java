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
import org.acme.chat.heartbeat.HeartbeatMonitor;
import org.acme.chat.lifecycle.Draining;
import org.acme.chat.protocol.CloseCodes;

/**
 * Connectivity check: every message comes back unchanged, text as text and binary as binary. Under the heartbeat
 * like every connection, so it also shows whether pings get through a proxy.
 */
@WebSocket(path = "/echo")
public class EchoSocket {

    private final HeartbeatMonitor heartbeat;
    private final Draining draining;

    public EchoSocket(HeartbeatMonitor heartbeat, Draining draining) {
        this.heartbeat = heartbeat;
        this.draining = draining;
    }

    @OnOpen
    @NonBlocking
    public Uni<Void> onOpen(WebSocketConnection connection) {
        if (draining.isDraining()) {
            return connection.close(Draining.CLOSE_REASON);
        }
        heartbeat.track(new MonitoredConnection(connection, () -> {
        }));
        return Uni.createFrom().voidItem();
    }

    @OnTextMessage
    @NonBlocking
    public String onText(String message, WebSocketConnection connection) {
        heartbeat.seen(connection.id());
        return message;
    }

    @OnBinaryMessage
    @NonBlocking
    public Buffer onBinary(Buffer message, WebSocketConnection connection) {
        heartbeat.seen(connection.id());
        return message;
    }

    @OnPingMessage
    @NonBlocking
    public void onPing(Buffer ignored, WebSocketConnection connection) {
        heartbeat.seen(connection.id());
    }

    @OnPongMessage
    @NonBlocking
    public void onPong(Buffer ignored, WebSocketConnection connection) {
        heartbeat.seen(connection.id());
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        heartbeat.untrack(connection.id());
    }

    @OnError
    @NonBlocking
    public Uni<Void> onError(Throwable failure, WebSocketConnection connection) {
        if (connection.isClosed()) {
            return Uni.createFrom().voidItem();
        }
        int code = Oversize.isOversize(failure) ? CloseCodes.MESSAGE_TOO_BIG : CloseCodes.INTERNAL_ERROR;
        return connection.close(new CloseReason(code, code == CloseCodes.MESSAGE_TOO_BIG ? "message too big" : "error"));
    }
}
