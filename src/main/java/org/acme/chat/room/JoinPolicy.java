package org.acme.chat.room;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.acme.chat.auth.TokenAuth;

/**
 * Decides whether a join may be attempted: the token when {@code chat.auth.enabled} (401, 403; the name then comes
 * from it), the naming rules (400), the name's availability in the room (409), then room capacity (409 for a full
 * room, 503 when a new room would exceed the node's maximum). Both the pre-upgrade guard and the join-check API ask
 * it, so they always agree.
 */
@ApplicationScoped
public class JoinPolicy {

    /** Why a join is refused, as an HTTP status and a one-line reason. */
    public record Refusal(int status, String reason) {
    }

    private final RoomService rooms;
    private final TokenAuth auth;

    public JoinPolicy(RoomService rooms, TokenAuth auth) {
        this.rooms = rooms;
        this.auth = auth;
    }

    /** Checks a join to {@code room} as {@code rawName}; {@code headers} looks up the request's headers by name. */
    public Optional<Refusal> check(String room, String rawName, UnaryOperator<String> headers) {
        String name = rawName;
        if (auth.enabled()) {
            TokenAuth.Outcome outcome = auth.authenticate(headers, room);
            if (!outcome.accepted()) {
                return Optional.of(new Refusal(outcome.status(), outcome.reason()));
            }
            name = outcome.name();
        }
        try {
            JoinRequest request = JoinRequest.parse(room, name);
            if (rooms.isNameTaken(request.room(), request.name())) {
                return Optional.of(new Refusal(409,
                        "name '" + request.name() + "' is already taken in room '" + request.room() + "'"));
            }
            RoomFullException full = rooms.capacityProblem(request.room());
            if (full != null) {
                return Optional.of(new Refusal(full.nodeFull() ? 503 : 409, full.getMessage()));
            }
            return Optional.empty();
        } catch (InvalidJoinException e) {
            return Optional.of(new Refusal(400, e.getMessage()));
        }
    }
}
