package org.acme.chat.api;

/** An error the server API answers with a problem details body (see {@link Problem}); thrown by resources. */
public final class ApiProblem extends RuntimeException {

    private final transient Problem problem;

    private ApiProblem(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    /** A problem of type {@code urn:chat:problem:<slug>}. */
    static ApiProblem of(int status, String slug, String title, String detail) {
        return new ApiProblem(new Problem(Problem.PREFIX + slug, title, status, detail));
    }

    /** A problem that is just its status ({@code about:blank}). */
    static ApiProblem plain(int status, String title, String detail) {
        return new ApiProblem(new Problem("about:blank", title, status, detail));
    }

    static ApiProblem notFound(String slug, String detail) {
        return of(404, slug, "Not Found", detail);
    }

    static ApiProblem badRequest(String slug, String detail) {
        return of(400, slug, "Bad Request", detail);
    }

    Problem problem() {
        return problem;
    }
}
