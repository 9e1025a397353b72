package org.acme.chat.websocket;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import org.acme.chat.heartbeat.Monitored;
import org.acme.chat.protocol.CloseCodes;

/** A WebSocket connection under the heartbeat: pings go out as protocol ping frames, a reap closes with 4408. */
final class MonitoredConnection implements Monitored {

    static final CloseReason HEARTBEAT_TIMEOUT = new CloseReason(CloseCodes.HEARTBEAT_TIMEOUT, "heartbeat timeout");

    private final WebSocketConnection connection;
    private final Runnable release;

    /** {@code release} frees what the connection holds; it runs on reap, before the close handshake starts. */
    MonitoredConnection(WebSocketConnection connection, Runnable release) {
        this.connection = connection;
        this.release = release;
    }

    @Override
    public String id() {
        return connection.id();
    }

    @Override
    public void ping() {
        FireAndForget.run(connection.sendPing(Buffer.buffer()), connection, "heartbeat ping");
    }

    @Override
    public void reap() {
        release.run();
        FireAndForget.run(connection.close(HEARTBEAT_TIMEOUT), connection, "heartbeat close");
    }
}
