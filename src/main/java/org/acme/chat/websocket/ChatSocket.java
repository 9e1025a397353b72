package org.acme.chat.websocket;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPingMessage;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import org.acme.chat.heartbeat.HeartbeatMonitor;
import org.acme.chat.lifecycle.Draining;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.Ack;
import org.acme.chat.protocol.ClientFrame;
import org.acme.chat.protocol.CloseCodes;
import org.acme.chat.protocol.ErrorEvent;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.FrameDecoder;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.Pong;
import org.acme.chat.protocol.ProtocolException;
import org.acme.chat.room.InvalidJoinException;
import org.acme.chat.room.JoinRequest;
import org.acme.chat.room.NameTakenException;
import org.acme.chat.room.Posted;
import org.acme.chat.room.RoomService;
import org.jboss.logging.Logger;

/**
 * A chat room over WebSocket. Translates frames to room calls and room events to frames; holds no chat logic. All
 * callbacks run on the connection's event loop and never block; a connection's frames are handled one at a time.
 */
@WebSocket(path = "/chat/{room}")
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    private static final TypedKey<ConnectionParticipant> SELF = new TypedKey<>("chat.participant");

    private final RoomService rooms;
    private final FrameDecoder decoder;
    private final EventEncoder encoder;
    private final ChatMetrics metrics;
    private final HeartbeatMonitor heartbeat;
    private final Draining draining;

    public ChatSocket(RoomService rooms, FrameDecoder decoder, EventEncoder encoder, ChatMetrics metrics,
            HeartbeatMonitor heartbeat, Draining draining) {
        this.rooms = rooms;
        this.decoder = decoder;
        this.encoder = encoder;
        this.metrics = metrics;
        this.heartbeat = heartbeat;
        this.draining = draining;
    }

    @OnOpen
    @NonBlocking
    public Uni<Void> onOpen(WebSocketConnection connection) {
        if (draining.isDraining()) {
            // Upgraded just as shutdown began, after the close sweep: hand the client to another node too.
            return connection.close(Draining.CLOSE_REASON);
        }
        JoinRequest request;
        try {
            String name = Handshake.singleQueryParam(connection.handshakeRequest().query(), "name");
            request = JoinRequest.parse(connection.pathParam("room"), name);
        } catch (InvalidJoinException e) {
            // UpgradeGuard refuses these with 400 before the upgrade; this is only a second line of defence.
            return connection.close(new CloseReason(CloseCodes.POLICY_VIOLATION, e.getMessage()));
        }
        var self = new ConnectionParticipant(connection, new Member(connection.id(), request.name()), request.room());
        try {
            rooms.join(request.room(), self);
        } catch (NameTakenException e) {
            metrics.error(ChatMetrics.NAME_TAKEN);
            return connection.close(new CloseReason(CloseCodes.NAME_TAKEN, "name taken"));
        }
        connection.userData().put(SELF, self);
        heartbeat.track(new MonitoredConnection(connection, () -> leave(connection)));
        return Uni.createFrom().voidItem();
    }

    @OnTextMessage
    @NonBlocking
    public void onText(String frame, WebSocketConnection connection) {
        heartbeat.seen(connection.id());
        ConnectionParticipant self = connection.userData().get(SELF);
        if (self == null) {
            return;
        }
        try {
            ClientFrame decoded = decoder.decode(frame);
            if (decoded instanceof ClientFrame.Send send) {
                Posted posted = rooms.post(self.room(), self.member(), send.text());
                if (send.ref() != null) {
                    self.deliver(encoder.encode(new Ack(send.ref(), posted.message().id())));
                }
            } else {
                self.deliver(encoder.encode(new Pong(System.currentTimeMillis())));
            }
        } catch (ProtocolException e) {
            metrics.error(e.code());
            self.deliver(encoder.encode(new ErrorEvent(e.code(), e.getMessage())));
        }
    }

    @OnBinaryMessage
    @NonBlocking
    public Uni<Void> onBinary(Buffer ignored, WebSocketConnection connection) {
        metrics.error(ChatMetrics.BINARY_FRAME);
        return connection.close(new CloseReason(CloseCodes.UNSUPPORTED_DATA, "binary frames are not supported"));
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
        leave(connection);
    }

    /** Frees the connection's seat and name; runs once, on close or when the heartbeat reaps it, whichever is first. */
    private void leave(WebSocketConnection connection) {
        ConnectionParticipant self = connection.userData().remove(SELF);
        if (self != null) {
            rooms.leave(self.room(), self.member().id());
        }
    }

    @OnError
    @NonBlocking
    public Uni<Void> onError(Throwable failure, WebSocketConnection connection) {
        if (connection.isClosed()) {
            // The TCP connection is already gone (e.g. Netty dropped a frame over the hard cap); @OnClose cleans up.
            LOG.debugf("error on closed connection %s: %s", connection.id(), failure);
            return Uni.createFrom().voidItem();
        }
        if (Oversize.isOversize(failure)) {
            metrics.error(ChatMetrics.MESSAGE_TOO_BIG);
            return connection.close(new CloseReason(CloseCodes.MESSAGE_TOO_BIG, "message too big"));
        }
        metrics.error(ChatMetrics.INTERNAL_ERROR);
        LOG.errorf(failure, "closing connection %s after an unexpected error", connection.id());
        return connection.close(new CloseReason(CloseCodes.INTERNAL_ERROR, "internal error"));
    }
}
