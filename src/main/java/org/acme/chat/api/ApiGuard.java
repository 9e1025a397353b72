package org.acme.chat.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Every request under {@code /api/v1}, a route or not, is authenticated before it is matched ({@link ApiAuth}): 404
 * when the API is off (no key, no JWTs), 401 (with {@code WWW-Authenticate: Bearer}) without valid credentials, 403
 * for a token without the admin role, 429 (with {@code Retry-After: 1}) for a caller over its rate ({@link ApiRate}).
 * Other paths ({@code /api/join-check}) pass untouched.
 */
@Provider
@PreMatching
public class ApiGuard implements ContainerRequestFilter {

    static final String PREFIX = "/api/v1";
    private final ApiAuth auth;
    private final ApiCaller caller;
    private final ApiRate rate;

    public ApiGuard(ApiAuth auth, ApiCaller caller, ApiRate rate) {
        this.auth = auth;
        this.caller = caller;
        this.rate = rate;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return;
        }
        if (!auth.enabled()) {
            request.abortWith(ProblemMapper.respond(ApiProblem.plain(404, "Not Found", null).problem()));
            return;
        }
        ApiAuth.Outcome outcome = auth.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (outcome.problem() != null) {
            Response response = ProblemMapper.respond(outcome.problem().problem());
            request.abortWith(outcome.problem().problem().status() == 401
                    ? Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build()
                    : response);
            return;
        }
        if (!rate.tryAcquire(outcome.caller())) {
            request.abortWith(Response.fromResponse(ProblemMapper.respond(ApiProblem.of(429, "rate-limited",
                    "Too Many Requests", "more server API requests than chat.api.requests-per-second allows: retry "
                            + "after a second").problem())).header(HttpHeaders.RETRY_AFTER, "1").build());
            return;
        }
        caller.set(outcome.caller());
        if (bodyless(request)) {
            // A request with no body at all (curl -X POST …/kick) has no Content-Type, or a client's default one
            // (form data): whatever it says, an empty body is read as empty JSON rather than refused with 415.
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }

    /** Whether the request carries no body: no length and no chunks, or a length of 0. */
    private static boolean bodyless(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return length == null ? request.getHeaderString("Transfer-Encoding") == null : length.trim().equals("0");
    }
}
