package org.acme.chat.lifecycle;

import io.quarkus.websockets.next.CloseReason;
import jakarta.enterprise.context.ApplicationScoped;
import org.acme.chat.protocol.CloseCodes;

/** Whether this node is shutting down. Once draining, readiness reports DOWN and new WebSocket upgrades get 503. */
@ApplicationScoped
public class Draining {

    /** What every client gets when this node shuts down: 1001, reconnect (the Service picks another node). */
    public static final CloseReason CLOSE_REASON = new CloseReason(CloseCodes.GOING_AWAY, "server shutting down");

    private volatile boolean draining;

    public boolean isDraining() {
        return draining;
    }

    public void begin() {
        draining = true;
    }
}
