package org.acme.chat.lifecycle;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.config.WebSocketServerCustomizer;
import org.acme.chat.session.Admission;
import org.acme.chat.session.Draining;
import org.jboss.logging.Logger;

/**
 * Hands every client over cleanly when the node stops (SIGTERM): readiness DOWN and new upgrades refused with 503
 * first; after {@code chat.shutdown.delay}, close 1001 to every open WebSocket; then up to
 * {@code chat.shutdown.drain-timeout} for the close handshakes, before the HTTP server stops. {@link Admission} knows
 * every open session, chat and echo alike, and closes them.
 *
 * <p>It runs in Quarkus's pre-shutdown phase ({@code ShutdownDelayInitiatedEvent}, which needs
 * {@code quarkus.shutdown.delay-enabled=true} at build time): by the time {@code ShutdownEvent} fires, the HTTP server
 * has already dropped every connection with a bare 1000.
 */
@ApplicationScoped
public class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);
    private static final long POLL_MILLIS = 20;

    private final Draining draining;
    private final Admission sessions;
    private final ChatConfig config;

    public GracefulShutdown(Draining draining, Admission sessions, ChatConfig config) {
        this.draining = draining;
        this.sessions = sessions;
        this.config = config;
    }

    void onShutdownStarted(@Observes ShutdownDelayInitiatedEvent event) {
        draining.begin();
        Duration delay = config.shutdown().delay();
        LOG.infof("shutting down: readiness DOWN, new upgrades refused; closing connections in %d ms",
                delay.toMillis());
        if (!pause(delay)) {
            return;
        }
        int closing = sessions.closeAll();
        if (closing > 0) {
            awaitClosed(closing);
        }
    }

    /**
     * Waits until every connection has run its {@code @OnClose}. Peers that never answer are dropped by the server
     * after the closing timeout; one second on top of it lets those drops land.
     */
    private void awaitClosed(int closing) {
        Duration timeout = Duration.ofSeconds(WebSocketServerCustomizer.closingTimeoutSeconds(config) + 1);
        LOG.infof("sent close 1001 to %d connections; waiting up to %d ms for them to close",
                closing, timeout.toMillis());
        long deadline = System.nanoTime() + timeout.toNanos();
        int open;
        while ((open = sessions.open()) > 0 && System.nanoTime() - deadline < 0) {
            if (!pause(Duration.ofMillis(POLL_MILLIS))) {
                return;
            }
        }
        if (open > 0) {
            LOG.warnf("%d connections still open after the drain timeout; the server drops them", open);
        }
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
