package org.acme.chat.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of the REST layer as problem details ({@link Problem}): the API's own problems, validation failures
 * (400 {@code validation}, naming each field), unreadable JSON (400 {@code malformed-body}), refusals from the broker
 * (503 {@code broker-unavailable} with {@code Retry-After}), JAX-RS's own statuses (404 for no route, 405, 415) and
 * anything unexpected (500, logged; the body says nothing more).
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response api(ApiProblem e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream().map(ProblemMapper::describe).sorted()
                .collect(Collectors.joining("; "));
        return respond(ApiProblem.badRequest("validation", detail).problem());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return respond(ApiProblem.badRequest("malformed-body", "the body is not the JSON object this route takes")
                .problem());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return json(json);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(ApiProblem.plain(status.getStatusCode(), status.getReasonPhrase(), null).problem());
    }

    @ServerExceptionMapper
    public Response other(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ApiProblem problem) {
            return api(problem);
        }
        Refusal refusal = cause instanceof RefusedException refused ? refused.refusal() : null;
        if (refusal != null && refusal.kind() == Refusal.Kind.BROKER_UNAVAILABLE) {
            return Response.fromResponse(respond(ApiProblem.of(503, "broker-unavailable", "Service Unavailable",
                    refusal.message()).problem())).header("Retry-After", refusal.retryAfterSeconds()).build();
        }
        LOG.error("server API call failed", cause);
        return respond(ApiProblem.plain(500, "Internal Server Error", null).problem());
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        return (dot < 0 ? path : path.substring(dot + 1)) + ": " + violation.getMessage();
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
