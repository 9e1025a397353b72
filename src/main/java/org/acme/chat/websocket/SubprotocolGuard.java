package org.acme.chat.websocket;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.Refusal;
import org.jboss.logging.Logger;

/**
 * Answers a request carrying a malformed {@code quarkus-http-upgrade#…} subprotocol ({@link PropagatedHeaders}) with
 * 400 and a one-line reason, on any path, before WebSockets Next's header propagation filter would answer it with 500
 * and an ERROR stack trace. Logs one DEBUG line; the refusal is counted under {@code invalid_subprotocol}.
 */
@ApplicationScoped
public class SubprotocolGuard {

    /** Above WebSockets Next's propagation filter (the authentication filter's priority 200, plus 20). */
    static final int PRIORITY = 230;
    private static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";
    private static final Logger LOG = Logger.getLogger(SubprotocolGuard.class);

    private final ChatMetrics metrics;

    public SubprotocolGuard(ChatMetrics metrics) {
        this.metrics = metrics;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext rc) {
        if (PropagatedHeaders.wellFormed(rc.request().headers().getAll(SEC_WEBSOCKET_PROTOCOL))) {
            rc.next();
            return;
        }
        LOG.debugf("malformed %s subprotocol refused", PropagatedHeaders.PREFIX);
        PlainReply.refuse(rc, Refusal.Kind.INVALID_SUBPROTOCOL, metrics);
    }
}
