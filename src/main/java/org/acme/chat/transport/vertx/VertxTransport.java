package org.acme.chat.transport.vertx;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrame;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.transport.Transport;

/**
 * A WebSockets Next server connection as a {@link Transport}. Frames go straight to the Vert.x socket underneath,
 * sharing each frame's bytes, with a plain completion handler ({@link TransportInternals}); where that socket cannot
 * be reached, through the public {@code sendText}/{@code sendBinary}. Pings and closes use the public API.
 */
public final class VertxTransport implements Transport {

    private final WebSocketConnection connection;
    private final WebSocketBase socket;
    private final Context context;
    private final String remoteIp;

    private VertxTransport(WebSocketConnection connection, WebSocketBase socket, Context context) {
        this.connection = connection;
        this.socket = socket;
        this.context = context;
        this.remoteIp = ipOf(connection.handshakeRequest().remoteAddress());
    }

    /** Adapts a connection; call it on the connection's own event loop (from {@code @OnOpen}). */
    public static VertxTransport of(WebSocketConnection connection) {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("adapt a connection on its event loop, from @OnOpen");
        }
        return new VertxTransport(connection, TransportInternals.socketOf(connection), context);
    }

    @Override
    public String id() {
        return connection.id();
    }

    @Override
    public String remoteIp() {
        return remoteIp;
    }

    @Override
    public void send(OutboundFrame frame, WriteListener listener) {
        if (socket != null) {
            WebSocketFrame out = frame.isText() ? TransportInternals.textFrame(frame.text(), frame.bytes())
                    : WebSocketFrame.binaryFrame(Buffer.buffer(frame.bytes()), true);
            socket.writeFrame(out, written -> listener.written(frame, written.succeeded()));
            return;
        }
        Uni<Void> sending = frame.isText() ? connection.sendText(frame.text())
                : connection.sendBinary(Buffer.buffer(frame.bytes()));
        sending.subscribe().with(ok -> listener.written(frame, true), failure -> listener.written(frame, false));
    }

    @Override
    public void ping() {
        FireAndForget.run(connection.sendPing(Buffer.buffer()), connection, "heartbeat ping");
    }

    @Override
    public void close(int code, String reason) {
        if (!connection.isClosed()) {
            FireAndForget.run(connection.close(new CloseReason(code, reason)), connection, "close " + code);
        }
    }

    @Override
    public void execute(Runnable task) {
        context.runOnContext(ignored -> task.run());
    }

    @Override
    public String toString() {
        return "connection " + connection.id();
    }

    /** The IP part of WebSockets Next's {@code host:port} remote address. */
    static String ipOf(String remoteAddress) {
        int colon = remoteAddress == null ? -1 : remoteAddress.lastIndexOf(':');
        return colon < 0 ? String.valueOf(remoteAddress) : remoteAddress.substring(0, colon);
    }
}
