package org.acme.chat.room;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Decides whether a join may be attempted: the naming rules, the name's availability in the room, then room capacity
 * (409 for a full room, 503 when a new room would exceed the node's maximum). Both the
 * pre-upgrade guard and the join-check API ask it, so they always agree.
 */
@ApplicationScoped
public class JoinPolicy {

    /** Why a join is refused, as an HTTP status and a one-line reason. */
    public record Refusal(int status, String reason) {
    }

    private final RoomService rooms;

    public JoinPolicy(RoomService rooms) {
        this.rooms = rooms;
    }

    public Optional<Refusal> check(String room, String rawName) {
        try {
            JoinRequest request = JoinRequest.parse(room, rawName);
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
