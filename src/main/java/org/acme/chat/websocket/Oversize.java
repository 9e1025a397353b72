package org.acme.chat.websocket;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/** Recognises the failures Vert.x and Netty raise for a frame or message over the configured size. */
final class Oversize {

    private Oversize() {
    }

    static boolean isOversize(Throwable failure) {
        if (failure instanceof CorruptedWebSocketFrameException corrupted) {
            return WebSocketCloseStatus.MESSAGE_TOO_BIG.equals(corrupted.closeStatus());
        }
        // Vert.x's frame aggregator reports an over-long fragmented message only by this message text.
        return failure instanceof IllegalStateException
                && failure.getMessage() != null
                && failure.getMessage().contains("overflow max message size");
    }
}
