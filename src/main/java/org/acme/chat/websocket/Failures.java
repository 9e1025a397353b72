package org.acme.chat.websocket;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.CloseCodes;
import org.jboss.logging.Logger;

/**
 * Turns what Vert.x and Netty raise for a bad frame into the documented close code: 1009 for a frame or message over
 * the size limit, 1002 for any other frame Netty's decoder finds corrupt (a protocol violation: the client's fault,
 * so logged at DEBUG only; normally {@link FrameValidation} answers these first), 1011 (logged) for anything
 * unexpected. Shared by the endpoints. (Text that is not UTF-8 never gets
 * here: {@link FrameValidation} answers it with 1007 in the pipeline.)
 */
final class Failures {

    static final CloseReason TOO_BIG = new CloseReason(CloseCodes.MESSAGE_TOO_BIG, "message too big");
    static final CloseReason INTERNAL = new CloseReason(CloseCodes.INTERNAL_ERROR, "internal error");
    static final CloseReason PROTOCOL = new CloseReason(CloseCodes.PROTOCOL_ERROR, "protocol error");

    private static final Logger LOG = Logger.getLogger(Failures.class);

    private Failures() {
    }

    static Uni<Void> close(Throwable failure, WebSocketConnection connection, ChatMetrics metrics) {
        if (connection.isClosed()) {
            // The TCP connection is already gone (e.g. Netty dropped a frame over the hard cap); @OnClose cleans up.
            LOG.debugf("error on closed connection %s: %s", connection.id(), failure);
            return Uni.createFrom().voidItem();
        }
        CloseReason reason = classify(failure);
        if (reason == TOO_BIG) {
            metrics.error(ChatMetrics.MESSAGE_TOO_BIG);
        } else if (reason == PROTOCOL) {
            metrics.error(ChatMetrics.PROTOCOL_ERROR);
            LOG.debugf("closing connection %s after a protocol violation: %s", connection.id(), failure.getMessage());
        } else {
            metrics.error(ChatMetrics.INTERNAL_ERROR);
            LOG.errorf(failure, "closing connection %s after an unexpected error", connection.id());
        }
        return connection.close(reason);
    }

    static CloseReason classify(Throwable failure) {
        if (failure instanceof CorruptedWebSocketFrameException corrupted) {
            return WebSocketCloseStatus.MESSAGE_TOO_BIG.equals(corrupted.closeStatus()) ? TOO_BIG : PROTOCOL;
        }
        // Vert.x's frame aggregator reports an over-long fragmented message only by this message text.
        if (failure instanceof IllegalStateException && failure.getMessage() != null
                && failure.getMessage().contains("overflow max message size")) {
            return TOO_BIG;
        }
        return INTERNAL;
    }
}
