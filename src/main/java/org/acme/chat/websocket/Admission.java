package org.acme.chat.websocket;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.heartbeat.HeartbeatMonitor;
import org.acme.chat.lifecycle.Draining;
import org.acme.chat.limits.ConnectionLimits;
import org.acme.chat.limits.FloodGuard;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.CloseCodes;
import org.acme.chat.protocol.ErrorCode;

/**
 * What every endpoint does when a connection opens and closes: the shutdown check, the node and per-IP connection
 * slots, the heartbeat, and the frame budget. The authoritative twin of {@link UpgradeGuard}'s early answers.
 */
@ApplicationScoped
public class Admission {

    static final CloseReason SERVER_FULL = new CloseReason(CloseCodes.TRY_AGAIN_LATER, "server is full: try again later");
    static final CloseReason RATE_LIMITED = new CloseReason(CloseCodes.POLICY_VIOLATION, "rate limit exceeded");

    private static final TypedKey<String> IP = new TypedKey<>("chat.ip");
    private static final TypedKey<FloodGuard> FLOOD = new TypedKey<>("chat.flood");

    private final Draining draining;
    private final ConnectionLimits limits;
    private final HeartbeatMonitor heartbeat;
    private final ChatConfig config;
    private final ChatMetrics metrics;

    public Admission(Draining draining, ConnectionLimits limits, HeartbeatMonitor heartbeat, ChatConfig config,
            ChatMetrics metrics) {
        this.draining = draining;
        this.limits = limits;
        this.heartbeat = heartbeat;
        this.config = config;
        this.metrics = metrics;
    }

    /** Admits a new connection, or returns the close reason to refuse it with. */
    CloseReason admit(WebSocketConnection connection) {
        if (draining.isDraining()) {
            // Upgraded just as shutdown began, after the close sweep: hand the client to another node too.
            return Draining.CLOSE_REASON;
        }
        String ip = ConnectionLimits.ipOf(connection.handshakeRequest().remoteAddress());
        if (limits.tryAcquire(ip) != ConnectionLimits.Verdict.OK) {
            metrics.error(ChatMetrics.SERVER_FULL);
            return SERVER_FULL;
        }
        connection.userData().put(IP, ip);
        connection.userData().put(FLOOD, new FloodGuard(config.rate(), System.nanoTime()));
        return null;
    }

    /** Starts the heartbeat for an admitted connection; {@code release} frees what it holds if it is reaped. */
    void watch(WebSocketConnection connection, Runnable release) {
        heartbeat.track(new MonitoredConnection(connection, release));
    }

    /** A pong arrived: the connection is alive. Pongs cost nothing (the server never answers them). */
    void heard(WebSocketConnection connection) {
        heartbeat.seen(connection.id());
    }

    /**
     * Accounts for one inbound data or ping frame: the heartbeat hears from the connection, and the frame budget
     * decides. On {@code CLOSE}, the caller closes with {@link #RATE_LIMITED}.
     */
    FloodGuard.Verdict inbound(WebSocketConnection connection) {
        heartbeat.seen(connection.id());
        FloodGuard flood = connection.userData().get(FLOOD);
        if (flood == null) {
            return FloodGuard.Verdict.ALLOW;
        }
        FloodGuard.Verdict verdict = flood.admit(System.nanoTime());
        if (verdict == FloodGuard.Verdict.REFUSE) {
            metrics.error(ErrorCode.RATE_LIMITED);
        } else if (verdict == FloodGuard.Verdict.CLOSE) {
            metrics.error(ChatMetrics.RATE_LIMIT_CLOSE);
        }
        return verdict;
    }

    /** Frees everything {@link #admit} took; runs from {@code @OnClose}. */
    void release(WebSocketConnection connection) {
        heartbeat.untrack(connection.id());
        String ip = connection.userData().remove(IP);
        if (ip != null) {
            limits.release(ip);
        }
    }
}
