package org.acme.chat.websocket;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import org.acme.chat.protocol.CloseCodes;

/** Connectivity check: every message comes back unchanged, text as text and binary as binary. */
@WebSocket(path = "/echo")
public class EchoSocket {

    @OnTextMessage
    @NonBlocking
    public String onText(String message) {
        return message;
    }

    @OnBinaryMessage
    @NonBlocking
    public Buffer onBinary(Buffer message) {
        return message;
    }

    @OnError
    @NonBlocking
    public Uni<Void> onError(Throwable failure, WebSocketConnection connection) {
        if (connection.isClosed()) {
            return Uni.createFrom().voidItem();
        }
        int code = Oversize.isOversize(failure) ? CloseCodes.MESSAGE_TOO_BIG : CloseCodes.INTERNAL_ERROR;
        return connection.close(new CloseReason(code, code == CloseCodes.MESSAGE_TOO_BIG ? "message too big" : "error"));
    }
}
