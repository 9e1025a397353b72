package org.acme.chat.room;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.acme.chat.auth.TokenAuth;
import org.acme.chat.limits.OriginPolicy;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;

/**
 * Decides whether a join may be attempted, in this order: the room's (and {@code since}'s) syntax (400: nothing
 * unvalidated reaches a later step or a reason), the token when {@code chat.auth.enabled} (401, 403; the name then
 * comes from it), the {@code Origin} (403), the name's syntax (400), its availability in the room (409), then room
 * capacity (409 for a full room, 503 when a new room would exceed the node's maximum). Both the pre-upgrade guard and
 * the join-check API ask it, so they always agree.
 */
@ApplicationScoped
public class JoinPolicy {

    private final RoomService rooms;
    private final TokenAuth auth;
    private final OriginPolicy origins;

    public JoinPolicy(RoomService rooms, TokenAuth auth, OriginPolicy origins) {
        this.rooms = rooms;
        this.auth = auth;
        this.origins = origins;
    }

    /**
     * Checks a join to {@code room} as {@code rawName}, resuming after {@code rawSince} (may be null); {@code headers}
     * looks up the request's headers by name. Completes on any thread.
     */
    public CompletionStage<Optional<Refusal>> check(String room, String rawName, String rawSince,
            UnaryOperator<String> headers) {
        try {
            JoinRequest.parse(room, JoinRequest.ANY_NAME, rawSince);
        } catch (RefusedException e) {
            return refused(e.refusal());
        }
        String name = rawName;
        if (auth.enabled()) {
            TokenAuth.Outcome outcome = auth.authenticate(headers, room);
            if (!outcome.accepted()) {
                return refused(outcome.refusal());
            }
            name = outcome.name();
        }
        if (!origins.allows(headers.apply("Origin"), headers.apply("Host"))) {
            return refused(Refusal.Kind.FORBIDDEN_ORIGIN);
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
