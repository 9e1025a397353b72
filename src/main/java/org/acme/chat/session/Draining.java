package org.acme.chat.session;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether this node is shutting down. Once draining, readiness reports DOWN, new WebSocket upgrades get 503, and a
 * connection that slipped through is closed with 1001 ({@code SHUTTING_DOWN}).
 */
@ApplicationScoped
public class Draining {

    private volatile boolean draining;

    public boolean isDraining() {
        return draining;
    }

    public void begin() {
        draining = true;
    }
}
