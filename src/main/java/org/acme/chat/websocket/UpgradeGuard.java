package org.acme.chat.websocket;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.acme.chat.room.InvalidJoinException;
import org.acme.chat.room.JoinRequest;
import org.acme.chat.room.RoomService;

/**
 * Answers bad requests on the WebSocket paths with an HTTP status and a one-line reason before any upgrade: 400 for a
 * plain GET or an invalid room or name, 409 for a name already present in the room.
 */
@ApplicationScoped
public class UpgradeGuard {

    static final String CHAT_PREFIX = "/chat/";
    static final String ECHO_PATH = "/echo";
    private static final int PRIORITY = 100;

    private final RoomService rooms;

    public UpgradeGuard(RoomService rooms) {
        this.rooms = rooms;
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
        if (chat) {
            try {
                String name = Handshake.singleQueryParam(rc.request().query(), "name");
                JoinRequest request = JoinRequest.parse(path.substring(CHAT_PREFIX.length()), name);
                if (rooms.isNameTaken(request.room(), request.name())) {
                    reject(rc, 409, "name '" + request.name() + "' is already taken in room '" + request.room() + "'");
                    return;
                }
            } catch (InvalidJoinException e) {
                reject(rc, 400, e.getMessage());
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
