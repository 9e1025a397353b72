package org.acme.chat.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem details object, the body of every error the server API answers, as
 * {@code application/problem+json}. {@code type} is {@code about:blank} for an error that is just its status (401,
 * 403, 404 for a route, 405, 500), else one of the problem types of docs/api.md ({@code urn:chat:problem:<slug>}).
 */
@RegisterForReflection
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String PREFIX = "urn:chat:problem:";
}
