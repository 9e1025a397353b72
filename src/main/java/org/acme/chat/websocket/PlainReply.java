package org.acme.chat.websocket;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.Refusal;

/** How the pre-upgrade filters answer a request they stop: a status and one line of text, never sniffed as markup. */
final class PlainReply {

    private PlainReply() {
    }

    /**
     * Answers with the refusal's status, {@code Retry-After} where it has one, and its message; counts it, as a
     * refusal and as a rejected upgrade.
     */
    static void refuse(RoutingContext rc, Refusal refusal, ChatMetrics metrics) {
        metrics.error(refusal);
        metrics.rejectedUpgrade(refusal);
        if (refusal.retryAfterSeconds() > 0) {
            rc.response().putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(refusal.retryAfterSeconds()));
        }
        send(rc, refusal.httpStatus(), refusal.message());
    }

    /** Answers with {@code status} and the line {@code text}. */
    static void send(RoutingContext rc, int status, String text) {
        rc.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(text + "\n");
    }
}
