package org.acme.chat.websocket;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.acme.chat.lifecycle.Draining;
import org.acme.chat.room.JoinPolicy;

/**
 * Answers bad requests on the WebSocket paths with an HTTP status and a one-line reason before any upgrade: 400 for a
 * plain GET or an invalid room or name, 409 for a name already present in the room, 503 while the node drains for
 * shutdown.
 */
@ApplicationScoped
public class UpgradeGuard {

    static final String CHAT_PREFIX = "/chat/";
    static final String ECHO_PATH = "/echo";
    private static final int PRIORITY = 100;

    private final JoinPolicy policy;
    private final Draining draining;

    public UpgradeGuard(JoinPolicy policy, Draining draining) {
        this.policy = policy;
        this.draining = draining;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext rc) {
        String path = rc.normalizedPath();
        boolean chat = path.startsWith(CHAT_PREFIX) && path.indexOf('/', CHAT_PREFIX.length()) < 0;
        if (!chat && !path.equals(ECHO_PATH)) {
            rc.next();
            return;
        }
        if (!Handshake.isUpgrade(rc.request())) {
            reject(rc, 400, "WebSocket upgrade expected: connect with a WebSocket client");
            return;
        }
        if (draining.isDraining()) {
            rc.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            reject(rc, 503, "server shutting down: reconnect to another node");
            return;
        }
        if (chat) {
            String name = Handshake.singleQueryParam(rc.request().query(), "name");
            Optional<JoinPolicy.Refusal> refusal = policy.check(path.substring(CHAT_PREFIX.length()), name);
            if (refusal.isPresent()) {
                reject(rc, refusal.get().status(), refusal.get().reason());
                return;
            }
        }
        rc.next();
    }

    private static void reject(RoutingContext rc, int status, String reason) {
        rc.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(reason + "\n");
    }
}
