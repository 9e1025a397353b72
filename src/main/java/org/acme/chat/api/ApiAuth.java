package org.acme.chat.api;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.acme.chat.config.ChatConfig;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Who calls the server API: the id of the API key sent as {@code Authorization: Bearer <secret>}
 * ({@code chat.api.keys}, compared in constant time as SHA-256 digests, every key every time), or, with
 * {@code chat.auth.enabled}, the subject of a JWT whose {@code groups} hold {@code chat.api.admin-role}. With neither
 * configured the API is off.
 */
@ApplicationScoped
public class ApiAuth {

    /** Shortest secret accepted for an API key. */
    static final int MIN_SECRET_LENGTH = 16;
    private static final Logger LOG = Logger.getLogger(ApiAuth.class);
    private static final String BEARER = "bearer ";

    /** The caller ({@code key:<id>} or {@code jwt:<subject>}), or the problem that answers the request instead. */
    record Outcome(String caller, ApiProblem problem) {
    }

    private final Map<String, byte[]> digests = new LinkedHashMap<>();
    private final boolean jwt;
    private final String adminRole;
    private final JWTParser parser;

    public ApiAuth(ChatConfig config, JWTParser parser) {
        config.api().keys().forEach((id, secret) -> {
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalStateException("chat.api.keys." + id + " is shorter than " + MIN_SECRET_LENGTH
                        + " characters: use a long random secret");
            }
            digests.put(id, sha256(secret));
        });
        this.jwt = config.auth().enabled();
        this.adminRole = config.api().adminRole();
        this.parser = parser;
    }

    /** Whether the API answers at all: a key is configured, or JWTs are. */
    boolean enabled() {
        return !digests.isEmpty() || jwt;
    }

    Outcome authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.length() == BEARER.length()) {
            return refused(401, "send an API key or an admin token as Authorization: Bearer <credential>");
        }
        String credential = authorization.substring(BEARER.length()).trim();
        String key = keyId(credential);
        if (key != null) {
            return new Outcome("key:" + key, null);
        }
        if (!jwt) {
            return refused(401, "unknown API key");
        }
        JsonWebToken token;
        try {
            token = parser.parse(credential);
        } catch (ParseException e) {
            LOG.debugf("server API token refused: %s", (e.getCause() != null ? e.getCause() : e).getClass().getName());
            return refused(401, "unknown API key, or an invalid or expired token");
        }
        if (!token.getGroups().contains(adminRole)) {
            return new Outcome(null, ApiProblem.plain(403, "Forbidden", "the token lacks the role " + adminRole));
        }
        return new Outcome("jwt:" + token.getSubject(), null);
    }

    /** The id of the key whose secret {@code credential} is; every key is compared, whatever matches first. */
    private String keyId(String credential) {
        byte[] presented = sha256(credential);
        String match = null;
        for (Map.Entry<String, byte[]> key : digests.entrySet()) {
            if (MessageDigest.isEqual(presented, key.getValue()) && match == null) {
                match = key.getKey();
            }
        }
        return match;
    }

    private static Outcome refused(int status, String detail) {
        return new Outcome(null, ApiProblem.plain(status, "Unauthorized", detail));
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
