package org.acme.chat.websocket;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.acme.chat.auth.TokenAuth;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.config.WebSocketServerCustomizer;
import org.acme.chat.limits.ConnectionLimits;
import org.acme.chat.limits.OriginPolicy;
import org.acme.chat.limits.UpgradeRate;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;
import org.acme.chat.room.JoinPolicy;
import org.acme.chat.room.JoinRequest;
import org.acme.chat.session.Identity;
import org.acme.chat.session.Draining;
import org.acme.chat.transport.vertx.PipelineHooks;
import org.jboss.logging.Logger;

/**
 * Answers bad requests on the WebSocket paths with an HTTP status and a one-line reason before any upgrade: 400 for a
 * plain GET or an invalid room or name, 401/403 for a missing, bad or insufficient token (with {@code chat.auth}; on
 * {@code /echo} and {@code /ws} any valid token will do; {@code /ws} without auth needs a valid name and client key), 403 for a foreign {@code Origin}, 404 for {@code /echo} when
 * {@code chat.echo.enabled} is off, 503 while the node drains for shutdown or is full, 429 for too many connections
 * or connection attempts from one IP, 409 for a name already present in the room or a full room, 503 when a new room
 * would exceed the node's
 * maximum. Every 429 and 503 carries {@code Retry-After}; every refusal is counted in {@code chat_errors_total}. The
 * sessions re-check what can race ({@code session.Admission}, {@code ChatSession}).
 */
@ApplicationScoped
public class UpgradeGuard {

    static final String CHAT_PREFIX = "/chat/";
    static final String ECHO_PATH = "/echo";
    static final String PERSON_PATH = "/ws";
    private static final int PRIORITY = 100;
    private static final Logger LOG = Logger.getLogger(UpgradeGuard.class);

    private final JoinPolicy policy;
    private final Draining draining;
    private final OriginPolicy origins;
    private final ConnectionLimits limits;
    private final UpgradeRate upgradeRate;
    private final ChatMetrics metrics;
    private final TokenAuth auth;
    private final boolean echoEnabled;
    private final long closingTimeoutSeconds;
    private final long maxMessageBytes;
    private final int maxFragments;

    public UpgradeGuard(JoinPolicy policy, Draining draining, OriginPolicy origins, ConnectionLimits limits,
            UpgradeRate upgradeRate, ChatMetrics metrics, ChatConfig config, TokenAuth auth) {
        this.auth = auth;
        this.echoEnabled = config.echo().enabled();
        this.closingTimeoutSeconds = WebSocketServerCustomizer.closingTimeoutSeconds(config);
        this.maxMessageBytes = config.maxFrameBytes();
        this.maxFragments = config.maxFragmentsPerMessage();
        this.policy = policy;
        this.draining = draining;
        this.origins = origins;
        this.limits = limits;
        this.upgradeRate = upgradeRate;
        this.metrics = metrics;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext rc) {
        String path = rc.normalizedPath();
        boolean chat = path.startsWith(CHAT_PREFIX) && path.indexOf('/', CHAT_PREFIX.length()) < 0;
        boolean person = path.equals(PERSON_PATH);
        if (!chat && !person && !path.equals(ECHO_PATH)) {
            rc.next();
            return;
        }
        if (!chat && !person && !echoEnabled) {
            PlainReply.send(rc, 404, "not found: /echo is switched off on this server (chat.echo.enabled)");
            return;
        }
        if (!Handshake.isUpgrade(rc.request())) {
            reject(rc, Refusal.Kind.NOT_WEBSOCKET);
            return;
        }
        // Chat upgrades have their origin checked by the join policy, in the same order as /api/join-check.
        if (!chat && !origins.allows(rc.request().getHeader(HttpHeaders.ORIGIN),
                rc.request().getHeader(HttpHeaders.HOST))) {
            reject(rc, Refusal.Kind.FORBIDDEN_ORIGIN);
            return;
        }
        if (draining.isDraining()) {
            reject(rc, Refusal.Kind.SHUTTING_DOWN);
            return;
        }
        // The socket's peer, as admission counts it (not X-Forwarded-For, which only the guard could see).
        String ip = rc.request().connection().remoteAddress().hostAddress();
        if (!upgradeRate.tryAcquire(ip)) {
            reject(rc, Refusal.Kind.TOO_MANY_UPGRADES);
            return;
        }
        ConnectionLimits.Verdict capacity = limits.check(ip);
        if (capacity != ConnectionLimits.Verdict.OK) {
            reject(rc, capacity == ConnectionLimits.Verdict.NODE_FULL ? Refusal.Kind.SERVER_FULL
                    : Refusal.Kind.TOO_MANY_PER_IP);
            return;
        }
        if (!chat) {
            TokenAuth.Outcome user = auth.enabled() ? auth.authenticate(rc.request()::getHeader) : null;
            if (user != null && !user.accepted()) {
                reject(rc, user.refusal());
            } else if (person) {
                checkPerson(rc, user);
            } else {
                admit(rc);
            }
            return;
        }
        String query = rc.request().query();
        Context context = Vertx.currentContext();
        policy.check(path.substring(CHAT_PREFIX.length()), Handshake.singleQueryParam(query, "name"),
                Handshake.singleQueryParam(query, "since"), rc.request()::getHeader)
                .whenComplete((refusal, failure) -> context.runOnContext(v -> {
                    if (failure != null) {
                        LOG.errorf(failure, "the join check of an upgrade to a chat room failed");
                        reject(rc, Refusal.Kind.INTERNAL_ERROR.because("internal error: try again"));
                    } else if (refusal.isPresent()) {
                        reject(rc, refusal.get());
                    } else {
                        admit(rc);
                    }
                }));
    }

    /**
     * A v2 connection: its name (the token's, with auth) must follow the names' rules and its client key be valid
     * (rooms are joined later).
     */
    private void checkPerson(RoutingContext rc, TokenAuth.Outcome user) {
        String query = rc.request().query();
        try {
            if (user != null) {
                JoinRequest.name(user.name());
            } else {
                JoinRequest.name(Handshake.singleQueryParam(query, "name"));
                Identity.checkClientKey(Handshake.singleQueryParam(query, "client"));
            }
        } catch (RefusedException e) {
            reject(rc, e.refusal());
            return;
        }
        admit(rc);
    }

    private void admit(RoutingContext rc) {
        PipelineHooks.install(rc.request(), metrics::error, closingTimeoutSeconds, maxMessageBytes, maxFragments);
        rc.next();
    }

    private void reject(RoutingContext rc, Refusal refusal) {
        PlainReply.refuse(rc, refusal, metrics);
    }
}
