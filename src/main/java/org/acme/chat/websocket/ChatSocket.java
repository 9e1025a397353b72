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
import java.util.concurrent.CompletionException;
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
import org.acme.chat.room.BrokerUnavailableException;
import org.acme.chat.room.InvalidJoinException;
import org.acme.chat.room.JoinPolicy;
import org.acme.chat.room.JoinRefusedException;
import org.acme.chat.room.JoinRequest;
import org.acme.chat.room.NameTakenException;
import org.acme.chat.room.RoomFullException;
import org.acme.chat.room.RoomService;
import org.jboss.logging.Logger;

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
    private static final Logger LOG = Logger.getLogger(ChatSocket.class);

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
            String query = connection.handshakeRequest().query();
            String name = Handshake.singleQueryParam(query, "name");
            if (auth.enabled()) {
                TokenAuth.Outcome outcome = auth.authenticate(connection.handshakeRequest()::header, room);
                if (!outcome.accepted()) {
                    // The guard answered 401/403 for these; only a token that expired since can get here.
                    return connection.close(new CloseReason(CloseCodes.POLICY_VIOLATION, outcome.reason()));
                }
                name = outcome.name();
                expiresAt = outcome.expiresAtMillis();
            }
            request = JoinRequest.parse(room, name, Handshake.singleQueryParam(query, "since"));
        } catch (InvalidJoinException e) {
            // UpgradeGuard refuses these with 400 before the upgrade; this is only a second line of defence.
            return connection.close(new CloseReason(CloseCodes.POLICY_VIOLATION, e.getMessage()));
        }
        var self = new ConnectionParticipant(connection, new Member(connection.id(), request.name()), request.room(),
                config.sendQueue().maxBytes(), () -> vertx.runOnContext(v -> kick(connection, SLOW_CONSUMER)));
        // Seated before the broker answers: a close meanwhile leaves the room, and the join is undone.
        connection.userData().put(SELF, self);
        admission.watch(connection, () -> leave(connection));
        long expiry = expiresAt;
        // WebSockets Next hands this connection no frame before the returned Uni completes, so even with a broker
        // that answers late (Redis) the welcome is the first frame and early frames are answered after it
        // (EarlyFramesTest).
        return Uni.createFrom().completionStage(rooms.join(request.room(), self, request.since()))
                .onItem().invoke(() -> {
                    if (expiry > 0) {
                        long timer = vertx.setTimer(Math.max(1, expiry - System.currentTimeMillis()),
                                id -> kick(connection, TOKEN_EXPIRED));
                        connection.userData().put(EXPIRY_TIMER, timer);
                    }
                })
                .onFailure().recoverWithUni(failure -> refuse(connection, failure));
    }

    /** Closes a connection whose join the broker refused (a race the pre-upgrade check lost) or failed. */
    private Uni<Void> refuse(WebSocketConnection connection, Throwable failure) {
        connection.userData().remove(SELF);
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof NameTakenException) {
            metrics.error(ChatMetrics.NAME_TAKEN);
            return connection.close(new CloseReason(CloseCodes.NAME_TAKEN, "name taken"));
        }
        if (cause instanceof JoinRefusedException) {
            metrics.error(cause instanceof BrokerUnavailableException ? JoinPolicy.BROKER_UNAVAILABLE
                    : cause instanceof RoomFullException full && full.nodeFull() ? JoinPolicy.TOO_MANY_ROOMS
                    : ChatMetrics.ROOM_FULL);
            return connection.close(new CloseReason(CloseCodes.TRY_AGAIN_LATER, cause.getMessage()));
        }
        return Failures.close(cause, connection, metrics);
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
                rooms.post(self.room(), self.member(), send.text()).whenComplete((message, failure) -> {
                    if (failure != null) {
                        LOG.debugf("message from %s not posted: %s", connection.id(), failure);
                    } else if (send.ref() != null) {
                        self.deliver(encoder.encode(new Ack(send.ref(), message.id())));
                    }
                });
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
