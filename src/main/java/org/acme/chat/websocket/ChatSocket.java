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
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.acme.chat.auth.TokenAuth;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.limits.FloodGuard;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.Ack;
import org.acme.chat.protocol.ClientFrame;
import org.acme.chat.protocol.CloseCodes;
import org.acme.chat.protocol.ErrorCode;
import org.acme.chat.protocol.ErrorEvent;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.FrameDecoder;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.Pong;
import org.acme.chat.protocol.ProtocolException;
import org.acme.chat.room.InvalidJoinException;
import org.acme.chat.room.JoinRefusedException;
import org.acme.chat.room.JoinRequest;
import org.acme.chat.room.NameTakenException;
import org.acme.chat.room.Posted;
import org.acme.chat.room.RoomService;

/**
 * A chat room over WebSocket. Translates frames to room calls and room events to frames; holds no chat logic. All
 * callbacks run on the connection's event loop and never block; a connection's frames are handled one at a time.
 */
@WebSocket(path = "/chat/{room}")
public class ChatSocket {

    static final CloseReason SLOW_CONSUMER = new CloseReason(CloseCodes.POLICY_VIOLATION,
            "too slow: send queue full");
    static final CloseReason TOKEN_EXPIRED = new CloseReason(CloseCodes.POLICY_VIOLATION, "token expired");
    private static final TypedKey<ConnectionParticipant> SELF = new TypedKey<>("chat.participant");
    private static final TypedKey<Long> EXPIRY_TIMER = new TypedKey<>("chat.expiry-timer");

    private final RoomService rooms;
    private final FrameDecoder decoder;
    private final EventEncoder encoder;
    private final ChatMetrics metrics;
    private final Admission admission;
    private final ChatConfig config;
    private final Vertx vertx;
    private final TokenAuth auth;

    public ChatSocket(RoomService rooms, FrameDecoder decoder, EventEncoder encoder, ChatMetrics metrics,
            Admission admission, ChatConfig config, Vertx vertx, TokenAuth auth) {
        this.auth = auth;
        this.rooms = rooms;
        this.decoder = decoder;
        this.encoder = encoder;
        this.metrics = metrics;
        this.admission = admission;
        this.config = config;
        this.vertx = vertx;
    }

    @OnOpen
    @NonBlocking
    public Uni<Void> onOpen(WebSocketConnection connection) {
        CloseReason refused = admission.admit(connection);
        if (refused != null) {
            return connection.close(refused);
        }
        JoinRequest request;
        long expiresAt = 0;
        try {
            String room = connection.pathParam("room");
            String name = Handshake.singleQueryParam(connection.handshakeRequest().query(), "name");
            if (auth.enabled()) {
                TokenAuth.Outcome outcome = auth.authenticate(connection.handshakeRequest()::header, room);
                if (!outcome.accepted()) {
                    // The guard answered 401/403 for these; only a token that expired since can get here.
                    return connection.close(new CloseReason(CloseCodes.POLICY_VIOLATION, outcome.reason()));
                }
                name = outcome.name();
                expiresAt = outcome.expiresAtMillis();
            }
            request = JoinRequest.parse(room, name);
        } catch (InvalidJoinException e) {
            // UpgradeGuard refuses these with 400 before the upgrade; this is only a second line of defence.
            return connection.close(new CloseReason(CloseCodes.POLICY_VIOLATION, e.getMessage()));
        }
        var self = new ConnectionParticipant(connection, new Member(connection.id(), request.name()), request.room(),
                config.sendQueue().maxBytes(), () -> vertx.runOnContext(v -> kick(connection, SLOW_CONSUMER)));
        try {
            rooms.join(request.room(), self);
        } catch (JoinRefusedException e) {
            // The pre-upgrade check said 409 or 503 for these; a concurrent join got there first.
            boolean nameTaken = e instanceof NameTakenException;
            metrics.error(nameTaken ? ChatMetrics.NAME_TAKEN : ChatMetrics.ROOM_FULL);
            return connection.close(nameTaken ? new CloseReason(CloseCodes.NAME_TAKEN, "name taken")
                    : new CloseReason(CloseCodes.TRY_AGAIN_LATER, e.getMessage()));
        }
        connection.userData().put(SELF, self);
        admission.watch(connection, () -> leave(connection));
        if (expiresAt > 0) {
            long timer = vertx.setTimer(Math.max(1, expiresAt - System.currentTimeMillis()),
                    id -> kick(connection, TOKEN_EXPIRED));
            connection.userData().put(EXPIRY_TIMER, timer);
        }
        return Uni.createFrom().voidItem();
    }

    @OnTextMessage
    @NonBlocking
    public void onText(String frame, WebSocketConnection connection) {
        ConnectionParticipant self = connection.userData().get(SELF);
        if (self == null || !admitted(connection, self)) {
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
        // Vert.x has already answered with a pong; a ping flood still spends the frame budget.
        ConnectionParticipant self = connection.userData().get(SELF);
        if (self != null) {
            admitted(connection, self);
        }
    }

    @OnPongMessage
    @NonBlocking
    public void onPong(Buffer ignored, WebSocketConnection connection) {
        admission.heard(connection);
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        Long timer = connection.userData().remove(EXPIRY_TIMER);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
        leave(connection);
        admission.release(connection);
    }

    @OnError
    @NonBlocking
    public Uni<Void> onError(Throwable failure, WebSocketConnection connection) {
        return Failures.close(failure, connection, metrics);
    }

    /** Spends the frame budget; answers {@code rate_limited}, or closes the connection, when it is exhausted. */
    private boolean admitted(WebSocketConnection connection, ConnectionParticipant self) {
        FloodGuard.Verdict verdict = admission.inbound(connection);
        if (verdict == FloodGuard.Verdict.REFUSE) {
            self.deliver(encoder.encode(new ErrorEvent(ErrorCode.RATE_LIMITED,
                    "too many frames: slow down (limit " + config.rate().messagesPerSecond() + "/s)")));
        } else if (verdict == FloodGuard.Verdict.CLOSE) {
            kick(connection, Admission.RATE_LIMITED);
        }
        return verdict == FloodGuard.Verdict.ALLOW;
    }

    /** Frees the seat at once and closes: for a connection whose close handshake may never complete. */
    private void kick(WebSocketConnection connection, CloseReason reason) {
        if (reason == SLOW_CONSUMER) {
            metrics.error(ChatMetrics.SLOW_CONSUMER);
        }
        leave(connection);
        FireAndForget.run(connection.close(reason), connection, "close " + reason.getCode());
    }

    /** Frees the connection's seat and name; runs once, on close or when the heartbeat reaps it, whichever is first. */
    private void leave(WebSocketConnection connection) {
        ConnectionParticipant self = connection.userData().remove(SELF);
        if (self != null) {
            rooms.leave(self.room(), self.member().id());
        }
    }
}
