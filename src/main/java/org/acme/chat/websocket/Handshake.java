package org.acme.chat.websocket;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/** What the upgrade guard and the endpoints both read from an upgrade request, read the same way. */
final class Handshake {

    static final String SEC_WEBSOCKET_KEY = "Sec-WebSocket-Key";

    private Handshake() {
    }

    /** The decoded value of a query parameter given exactly once, else null. */
    static String singleQueryParam(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        List<String> values = new QueryStringDecoder(rawQuery, false).parameters().get(name);
        return values != null && values.size() == 1 ? values.get(0) : null;
    }

    /** Whether the request asks for a WebSocket upgrade (the header WebSockets Next itself keys on). */
    static boolean isUpgrade(HttpServerRequest request) {
        return request.headers().contains(SEC_WEBSOCKET_KEY);
    }
}
