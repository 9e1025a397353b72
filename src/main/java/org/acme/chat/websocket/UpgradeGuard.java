package org.acme.chat.websocket;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.config.WebSocketServerCustomizer;
import org.acme.chat.lifecycle.Draining;
import org.acme.chat.limits.ConnectionLimits;
import org.acme.chat.limits.OriginPolicy;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.room.JoinPolicy;
import org.jboss.logging.Logger;

/**
 * Answers bad requests on the WebSocket paths with an HTTP status and a one-line reason before any upgrade: 400 for a
 * plain GET or an invalid room or name, 401/403 for a missing, bad or insufficient token (with {@code chat.auth}),
 * 403 for a foreign {@code Origin}, 503 while the node drains for shutdown or is full, 429 for too many connections
 * from one IP, 409 for a name already present in the room or a full room, 503 when a new room would exceed the node's
 * maximum. Every 429 and 503 carries {@code Retry-After}; every refusal is counted in {@code chat_errors_total}. The
 * endpoints re-check what can race ({@link Admission}).
 */
@ApplicationScoped
public class UpgradeGuard {

    static final String CHAT_PREFIX = "/chat/";
    static final String ECHO_PATH = "/echo";
    private static final int PRIORITY = 100;
    private static final Logger LOG = Logger.getLogger(UpgradeGuard.class);
    /** Seconds a client refused for capacity (429, 503) should wait before it tries again. */
    private static final String RETRY_AFTER_FULL = "5";

    private final JoinPolicy policy;
    private final Draining draining;
    private final OriginPolicy origins;
    private final ConnectionLimits limits;
    private final ChatMetrics metrics;
    private final long closingTimeoutSeconds;

    public UpgradeGuard(JoinPolicy policy, Draining draining, OriginPolicy origins, ConnectionLimits limits,
            ChatMetrics metrics, ChatConfig config) {
        this.closingTimeoutSeconds = WebSocketServerCustomizer.closingTimeoutSeconds(config);
        this.policy = policy;
        this.draining = draining;
        this.origins = origins;
        this.limits = limits;
        this.metrics = metrics;
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
        if (!origins.allows(rc.request().getHeader(HttpHeaders.ORIGIN), rc.request().getHeader(HttpHeaders.HOST))) {
            metrics.error(ChatMetrics.FORBIDDEN_ORIGIN);
            reject(rc, 403, "origin not allowed: add it to chat.allowed-origins");
            return;
        }
        if (draining.isDraining()) {
            rc.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            reject(rc, 503, "server shutting down: reconnect to another node");
            return;
        }
        // The socket's peer, as Admission counts it (not X-Forwarded-For, which only the guard could see).
        ConnectionLimits.Verdict capacity = limits.check(rc.request().connection().remoteAddress().hostAddress());
        if (capacity != ConnectionLimits.Verdict.OK) {
            rc.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_FULL);
            if (capacity == ConnectionLimits.Verdict.NODE_FULL) {
                metrics.error(ChatMetrics.SERVER_FULL);
                reject(rc, 503, "server is full: try again later");
            } else {
                metrics.error(ChatMetrics.TOO_MANY_PER_IP);
                reject(rc, 429, "too many connections from your address");
            }
            return;
        }
        if (!chat) {
            admit(rc);
            return;
        }
        String query = rc.request().query();
        Context context = Vertx.currentContext();
        policy.check(path.substring(CHAT_PREFIX.length()), Handshake.singleQueryParam(query, "name"),
                Handshake.singleQueryParam(query, "since"), rc.request()::getHeader)
                .whenComplete((refusal, failure) -> context.runOnContext(v -> {
                    if (failure != null) {
                        LOG.errorf(failure, "join check failed for %s", path);
                        metrics.error(ChatMetrics.INTERNAL_ERROR);
                        reject(rc, 500, "internal error: try again");
                    } else if (refusal.isPresent()) {
                        metrics.error(refusal.get().code());
                        if (refusal.get().status() == 503) {
                            rc.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_FULL);
                        }
                        reject(rc, refusal.get().status(), refusal.get().reason());
                    } else {
                        admit(rc);
                    }
                }));
    }

    private void admit(RoutingContext rc) {
        FrameValidation.install(rc.request(), metrics::error, closingTimeoutSeconds);
        FlushBatching.install(rc.request());
        rc.next();
    }

    private static void reject(RoutingContext rc, int status, String reason) {
        rc.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(reason + "\n");
    }
}
