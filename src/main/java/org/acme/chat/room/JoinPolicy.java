package org.acme.chat.room;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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

    /**
     * Why a join is refused: an HTTP status, the bounded {@code code} that {@code chat_errors_total} counts it under,
     * and a one-line reason.
     */
    public record Refusal(int status, String code, String reason) {
    }

    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN_ROOM = "forbidden_room";
    public static final String INVALID_JOIN = "invalid_join";
    public static final String NAME_TAKEN = "name_taken";
    public static final String ROOM_FULL = "room_full";
    public static final String TOO_MANY_ROOMS = "too_many_rooms";
    public static final String BROKER_UNAVAILABLE = "broker_unavailable";

    private final RoomService rooms;
    private final TokenAuth auth;

    public JoinPolicy(RoomService rooms, TokenAuth auth) {
        this.rooms = rooms;
        this.auth = auth;
    }

    /**
     * Checks a join to {@code room} as {@code rawName}, resuming after {@code rawSince} (may be null); {@code headers}
     * looks up the request's headers by name. Completes on any thread.
     */
    public CompletionStage<Optional<Refusal>> check(String room, String rawName, String rawSince,
            UnaryOperator<String> headers) {
        String name = rawName;
        if (auth.enabled()) {
            TokenAuth.Outcome outcome = auth.authenticate(headers, room);
            if (!outcome.accepted()) {
                return refused(new Refusal(outcome.status(),
                        outcome.status() == 401 ? UNAUTHORIZED : FORBIDDEN_ROOM, outcome.reason()));
            }
            name = outcome.name();
        }
        JoinRequest request;
        try {
            request = JoinRequest.parse(room, name, rawSince);
        } catch (InvalidJoinException e) {
            return refused(new Refusal(400, INVALID_JOIN, e.getMessage()));
        }
        return rooms.checkJoin(request.room(), request.name()).thenApply(problem -> problem.map(JoinPolicy::refusal));
    }

    private static Refusal refusal(JoinRefusedException problem) {
        if (problem instanceof NameTakenException taken) {
            return new Refusal(409, NAME_TAKEN, taken.getMessage());
        }
        if (problem instanceof BrokerUnavailableException unavailable) {
            return new Refusal(503, BROKER_UNAVAILABLE, unavailable.getMessage());
        }
        RoomFullException full = (RoomFullException) problem;
        return full.nodeFull() ? new Refusal(503, TOO_MANY_ROOMS, full.getMessage())
                : new Refusal(409, ROOM_FULL, full.getMessage());
    }

    private static CompletionStage<Optional<Refusal>> refused(Refusal refusal) {
        return CompletableFuture.completedFuture(Optional.of(refusal));
    }
}
