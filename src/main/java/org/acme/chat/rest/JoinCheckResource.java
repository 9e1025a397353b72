package org.acme.chat.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.acme.chat.room.JoinPolicy;

/**
 * Asks whether joining {@code room} as {@code name} would be accepted right now. Browsers cannot read the HTTP status
 * of a refused WebSocket upgrade, so the page asks here to show the reason: 204 if the join may go ahead, else the same
 * status and one-line reason the upgrade would get, checked in the same order (syntax, token, origin, room), and a
 * reason that never repeats unvalidated input.
 */
@Path("/api/join-check")
public class JoinCheckResource {

    /** The reason is text for the page to show, never something a browser should guess a type for. */
    private static final String NOSNIFF = "X-Content-Type-Options";

    private final JoinPolicy policy;

    public JoinCheckResource(JoinPolicy policy) {
        this.policy = policy;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public CompletionStage<Response> check(@QueryParam("room") String room, @QueryParam("name") String name,
            @QueryParam("since") String since, @Context HttpHeaders headers) {
        return policy.check(room, name, since, headers::getHeaderString).thenApply(refusal -> refusal
                .map(r -> Response.status(r.httpStatus()).entity(r.message()))
                .orElseGet(Response::noContent)
                .header(NOSNIFF, "nosniff").build());
    }
}
