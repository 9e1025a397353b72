package org.acme.chat.room;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.acme.chat.auth.TokenAuth;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;

/**
 * Decides whether a join may be attempted: the token when {@code chat.auth.enabled} (401, 403; the name then comes
 * from it), the naming rules (400), the name's availability in the room (409), then room capacity (409 for a full
 * room, 503 when a new room would exceed the node's maximum). Both the pre-upgrade guard and the join-check API ask
 * it, so they always agree.
 */
@ApplicationScoped
public class JoinPolicy {

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
                return refused(outcome.refusal());
            }
            name = outcome.name();
        }
        JoinRequest request;
        try {
            request = JoinRequest.parse(room, name, rawSince);
        } catch (RefusedException e) {
            return refused(e.refusal());
        }
        return rooms.checkJoin(request.room(), request.name());
    }

    private static CompletionStage<Optional<Refusal>> refused(Refusal refusal) {
        return CompletableFuture.completedFuture(Optional.of(refusal));
    }
}
