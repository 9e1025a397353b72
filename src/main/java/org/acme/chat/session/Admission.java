package org.acme.chat.session;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.heartbeat.HeartbeatMonitor;
import org.acme.chat.limits.ConnectionLimits;
import org.acme.chat.limits.FloodGuard;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.time.Timers;

/**
 * What every session goes through whatever it speaks: on open the shutdown check, the node and per-IP connection
 * slots and the heartbeat; on close their release. It knows every open session, which is how shutdown reaches them.
 * The authoritative twin of the upgrade guard's early answers, since upgrades race.
 */
@ApplicationScoped
public class Admission {

    private final ConcurrentMap<String, Session> open = new ConcurrentHashMap<>();
    private final Draining draining;
    private final ConnectionLimits limits;
    private final HeartbeatMonitor heartbeat;
    private final ChatConfig config;
    private final ChatMetrics metrics;
    private final Timers timers;

    public Admission(Draining draining, ConnectionLimits limits, HeartbeatMonitor heartbeat, ChatConfig config,
            ChatMetrics metrics, Timers timers) {
        this.draining = draining;
        this.limits = limits;
        this.heartbeat = heartbeat;
        this.config = config;
        this.metrics = metrics;
        this.timers = timers;
    }

    /** Admits a session, or says why not (the session closes itself with it). */
    Refusal admit(Session session) {
        if (draining.isDraining()) {
            // Upgraded just as shutdown began, after the close sweep: hand the client to another node too.
            return Refusal.Kind.SHUTTING_DOWN;
        }
        Refusal full = switch (limits.tryAcquire(session.ip())) {
            case NODE_FULL -> Refusal.Kind.SERVER_FULL;
            case IP_FULL -> Refusal.Kind.TOO_MANY_PER_IP;
            case OK -> null;
        };
        if (full != null) {
            return full;
        }
        open.put(session.id(), session);
        heartbeat.track(session);
        return null;
    }

    /** Frees everything {@link #admit} took; runs once the connection has closed. */
    void release(Session session) {
        if (open.remove(session.id(), session)) {
            heartbeat.untrack(session.id());
            limits.release(session.ip());
        }
    }

    /** A frame of any kind arrived on the session's connection: it is alive. */
    void heard(Session session) {
        heartbeat.seen(session.id());
    }

    /** A fresh frame budget for a new session. */
    FloodGuard floodGuard() {
        return new FloodGuard(config.rate(), timers.nanoTime());
    }

    /** Sessions admitted and not closed yet, reaped ones still closing included. */
    public int open() {
        return open.size();
    }

    /** Sends every open session 1001 (shutdown); returns how many. Their close callbacks release them. */
    public int closeAll() {
        int closing = 0;
        for (Session session : open.values()) {
            session.goAway();
            closing++;
        }
        return closing;
    }

    ChatConfig config() {
        return config;
    }

    ChatMetrics metrics() {
        return metrics;
    }

    Timers timers() {
        return timers;
    }
}
