package org.acme.chat.transport.vertx;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.acme.chat.protocol.Refusal;

/**
 * What a failure WebSockets Next reports on a connection means: a frame Netty's decoder found corrupt is the client's
 * doing, 1009 when it was too big and 1002 otherwise (normally {@link FrameValidation} has answered these first,
 * in the pipeline); anything else is an unexpected server error (1011). Classified by type only (Netty's public
 * exception and its close status), never by message text.
 */
public final class FrameFailures {

    private FrameFailures() {
    }

    public static Refusal classify(Throwable failure) {
        if (failure instanceof CorruptedWebSocketFrameException corrupted) {
            return WebSocketCloseStatus.MESSAGE_TOO_BIG.equals(corrupted.closeStatus())
                    ? Refusal.Kind.MESSAGE_TOO_BIG : Refusal.Kind.PROTOCOL_ERROR;
        }
        return Refusal.Kind.INTERNAL_ERROR;
    }
}
