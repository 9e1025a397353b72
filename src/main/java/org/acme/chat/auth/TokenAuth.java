package org.acme.chat.auth;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.protocol.Refusal;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Optional JWT access control ({@code chat.auth.enabled}): the token, signed with the key in
 * {@code mp.jwt.verify.publickey(.location)}, issued by {@code mp.jwt.verify.issuer} and, when
 * {@code mp.jwt.verify.audiences} is set, meant for one of those audiences ({@code aud}; the parser checks all three),
 * names the user ({@code preferred_username}, else {@code sub}) and lists
 * the rooms the user may join ({@code rooms} claim, names or globs). Browsers cannot set headers on a WebSocket, so
 * besides {@code Authorization: Bearer} the token may come as the subprotocol
 * {@code quarkus-http-upgrade#Authorization#Bearer%20<token>} (the WebSockets Next header propagation format).
 */
@ApplicationScoped
public class TokenAuth {

    public static final String ROOMS_CLAIM = "rooms";
    private static final Logger LOG = Logger.getLogger(TokenAuth.class);
    private static final String BEARER = "bearer ";
    private static final String PROPAGATED = "quarkus-http-upgrade#";
    private static final Refusal INVALID_TOKEN = Refusal.Kind.UNAUTHORIZED.because("invalid or expired token");
    private static final Refusal WRONG_AUDIENCE = Refusal.Kind.UNAUTHORIZED.because(
            "token not meant for this service: its audience (aud) is not accepted here");

    /**
     * A verified user, or why not: {@code UNAUTHORIZED} (no or bad token) or {@code FORBIDDEN_ROOM}. {@code subject}
     * is the token's {@code sub} (a v2 person), {@code grant} the rooms it grants.
     */
    public record Outcome(String name, long expiresAtMillis, Refusal refusal, String subject, RoomGrant grant) {
        static Outcome refused(Refusal refusal) {
            return new Outcome(null, 0, refusal, null, null);
        }

        public boolean accepted() {
            return name != null;
        }
    }

    private final boolean enabled;
    private final JWTParser parser;

    public TokenAuth(ChatConfig config, JWTParser parser) {
        this.enabled = config.auth().enabled();
        this.parser = parser;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Verifies the token found in the request's headers for a connection to no room ({@code /echo}): any user. */
    public Outcome authenticate(UnaryOperator<String> header) {
        return authenticate(header, null);
    }

    /**
     * Verifies the token found in the request's headers ({@code header} looks one up by name) for {@code room} (null:
     * no room to grant).
     */
    public Outcome authenticate(UnaryOperator<String> header, String room) {
        Optional<String> token = token(header);
        if (token.isEmpty()) {
            return Outcome.refused(Refusal.Kind.UNAUTHORIZED);
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token.get());
        } catch (ParseException e) {
            // Neither the token nor its claims: jose4j's message quotes the claims (the user's name, its rooms).
            LOG.debugf("token refused: %s %s", e.getMessage(), errorCodes(e));
            return Outcome.refused(wrongAudience(e) ? WRONG_AUDIENCE : INVALID_TOKEN);
        }
        long expiresAt = jwt.getExpirationTime() * 1000L;
        if (expiresAt <= System.currentTimeMillis()) {
            // The parser allows mp.jwt.verify.clock.skew past "exp"; the connection would be closed at once anyway.
            return Outcome.refused(INVALID_TOKEN);
        }
        Object preferred = jwt.getClaim("preferred_username");
        String name = preferred == null ? jwt.getSubject() : unquote(preferred);
        if (name == null || name.isBlank()) {
            return Outcome.refused(Refusal.Kind.UNAUTHORIZED.because("token names no user (preferred_username or sub)"));
        }
        RoomGrant grant = RoomGrant.of(rooms(jwt));
        if (room != null && !grant.allows(room)) {
            return Outcome.refused(forbidden(room));
        }
        String subject = jwt.getSubject() == null ? name : jwt.getSubject();
        return new Outcome(name, expiresAt, null, subject, grant);
    }

    /** The token does not grant {@code room}. */
    public static Refusal forbidden(String room) {
        return Refusal.Kind.FORBIDDEN_ROOM.because("your token does not grant room '" + room + "'");
    }

    /** Whether the token was refused for its {@code aud} claim ({@code mp.jwt.verify.audiences} is set). */
    /** jose4j's error codes for why a token is invalid (e.g. [1] expired, [8] audience), or empty. */
    private static List<Integer> errorCodes(ParseException e) {
        return e.getCause() instanceof InvalidJwtException invalid
                ? invalid.getErrorDetails().stream().map(detail -> detail.getErrorCode()).toList() : List.of();
    }

    private static boolean wrongAudience(ParseException e) {
        return e.getCause() instanceof InvalidJwtException invalid
                && (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING));
    }

    private static Collection<String> rooms(JsonWebToken jwt) {
        Object claim = jwt.getClaim(ROOMS_CLAIM);
        if (claim instanceof Collection<?> values) {
            return values.stream().map(TokenAuth::unquote).toList();
        }
        return claim == null ? List.of() : List.of(unquote(claim));
    }

    private static String unquote(Object value) {
        return value instanceof JsonString string ? string.getString() : String.valueOf(value);
    }

    /** The bearer token from {@code Authorization}, or from a propagated-header subprotocol. */
    static Optional<String> token(UnaryOperator<String> header) {
        String authorization = header.apply("Authorization");
        if (authorization == null) {
            String protocols = header.apply("Sec-WebSocket-Protocol");
            if (protocols != null) {
                for (String protocol : protocols.split(",")) {
                    String decoded = URLDecoder.decode(protocol.trim(), StandardCharsets.UTF_8);
                    String[] parts = decoded.split("#", 3);
                    if (decoded.startsWith(PROPAGATED) && parts.length == 3 && parts[1].equalsIgnoreCase("Authorization")) {
                        authorization = parts[2];
                    }
                }
            }
        }
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }
}
