package org.acme.chat.transport.vertx;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketBase;
import java.util.concurrent.atomic.AtomicLong;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.transport.Transport;

/**
 * A WebSockets Next server connection as a {@link Transport}. Frames go to the Netty channel underneath through its
 * event loop's {@link LoopWriter} (batched, encoded once per broadcast, no per-frame future), reached through
 * {@link TransportInternals}; where that cannot be reached, through the public {@code sendText}/{@code sendBinary}.
 * Pings use the public API; closes too, queued behind the frames sent before them.
 */
public final class VertxTransport implements Transport, LoopWriter.Target {

    private final WebSocketConnection connection;
    private final WebSocketBase socket;
    private final ChannelHandlerContext context;
    private final LoopWriter writer;
    private final Context vertxContext;
    private final String remoteIp;
    /** Bytes sent through the public API and not written yet (the fallback path only). */
    private final AtomicLong publicApiPending = new AtomicLong();
    /** Whether a batch of the writer has written to this connection and not flushed it yet (writer's thread only). */
    private boolean flushPending;

    private VertxTransport(WebSocketConnection connection, WebSocketBase socket, ChannelHandlerContext context,
            Context vertxContext) {
        this.connection = connection;
        this.socket = socket;
        this.context = context;
        this.writer = context == null ? null : LoopWriter.of(context.channel().eventLoop());
        this.vertxContext = vertxContext;
        this.remoteIp = ipOf(connection.handshakeRequest().remoteAddress());
    }

    /** Adapts a connection; call it on the connection's own event loop (from {@code @OnOpen}). */
    public static VertxTransport of(WebSocketConnection connection) {
        Context vertxContext = Vertx.currentContext();
        if (vertxContext == null) {
            throw new IllegalStateException("adapt a connection on its event loop, from @OnOpen");
        }
        WebSocketBase socket = TransportInternals.socketOf(connection);
        ChannelHandlerContext encoder = TransportInternals.encoderContextOf(socket);
        if (encoder != null) {
            PipelineHooks.upgraded(encoder.pipeline(), connection.id());
        }
        return new VertxTransport(connection, socket, encoder, vertxContext);
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
    public void send(OutboundFrame frame) {
        if (writer != null) {
            writer.write(this, frame);
            return;
        }
        int size = frame.size();
        publicApiPending.addAndGet(size);
        Uni<Void> sending = frame.isText() ? connection.sendText(frame.text())
                : connection.sendBinary(Buffer.buffer(frame.bytes()));
        sending.subscribe().with(ok -> publicApiPending.addAndGet(-size), failure -> publicApiPending.addAndGet(-size));
    }

    @Override
    public void onContinuationFrame(Runnable listener) {
        if (context != null) {
            FrameValidation.listen(context.pipeline(), listener);
        }
    }

    @Override
    public long pendingBytes() {
        if (context == null) {
            return publicApiPending.get();
        }
        ChannelOutboundBuffer outbound = context.channel().unsafe().outboundBuffer();
        return outbound == null ? 0 : outbound.totalPendingWriteBytes();
    }

    @Override
    public void ping() {
        FireAndForget.run(connection.sendPing(Buffer.buffer()), connection, "heartbeat ping");
    }

    @Override
    public void close(int code, String reason) {
        Runnable close = () -> {
            if (!connection.isClosed()) {
                FireAndForget.run(connection.close(new CloseReason(code, reason)), connection, "close " + code);
            }
        };
        if (writer != null) {
            writer.close(this, close);
        } else {
            close.run();
        }
    }

    @Override
    public void execute(Runnable task) {
        vertxContext.runOnContext(ignored -> task.run());
    }

    /** The pipeline position frames are written from (Netty's WebSocket encoder, which lets them pass). */
    @Override
    public ChannelHandlerContext context() {
        return context;
    }

    /** Whether frames may still go out: the WebSocket has neither sent nor received a close. */
    @Override
    public boolean writable() {
        return !socket.isClosed();
    }

    @Override
    public boolean markForFlush() {
        if (flushPending) {
            return false;
        }
        flushPending = true;
        return true;
    }

    @Override
    public void flushed() {
        flushPending = false;
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
