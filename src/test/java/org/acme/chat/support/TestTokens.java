package org.acme.chat.support;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tokens signed with the test key pair in {@code src/test/resources/jwt}; the app under test verifies them with the
 * public half, which {@link #appConfig()} hands it. (Files, not keys generated per run: Quarkus loads test profiles
 * and test classes in different class loaders, which would each generate their own.)
 */
public final class TestTokens {

    public static final String ISSUER = "https://chat.test/issuer";
    private static final PrivateKey SIGNING = privateKey("jwt/privateKey.pem");
    private static final PrivateKey STRANGER = privateKey("jwt/strangerKey.pem");

    private TestTokens() {
    }

    /** The config that makes the app require tokens from {@link #ISSUER}, verified with the test public key. */
    public static Map<String, String> appConfig() {
        return Map.of("chat.auth.enabled", "true",
                "mp.jwt.verify.publickey", pemBody("jwt/publicKey.pem"),
                "mp.jwt.verify.issuer", ISSUER);
    }

    /** A token for {@code user} granting {@code rooms} (names or globs), valid for {@code lifetime}. */
    public static String token(String user, List<String> rooms, Duration lifetime) {
        return Jwt.issuer(ISSUER).subject("id-" + user).preferredUserName(user).claim("rooms", rooms)
                .expiresIn(lifetime).sign(SIGNING);
    }

    /** A {@link #token} (valid for an hour) with an {@code aud} claim naming {@code audiences}. */
    public static String forAudience(String user, List<String> rooms, String... audiences) {
        return Jwt.issuer(ISSUER).subject("id-" + user).preferredUserName(user).claim("rooms", rooms)
                .audience(Set.of(audiences)).expiresIn(Duration.ofHours(1)).sign(SIGNING);
    }

    /** A token whose only name is its subject {@code sub} (no {@code preferred_username}), with a {@code rooms} claim. */
    public static String subjectOnly(String subject, Object rooms, Duration lifetime) {
        return Jwt.issuer(ISSUER).subject(subject).claim("rooms", rooms).expiresIn(lifetime).sign(SIGNING);
    }

    /** A token for {@code subject} (valid for an hour) whose {@code groups} claim holds {@code groups}. */
    public static String withGroups(String subject, String... groups) {
        return Jwt.issuer(ISSUER).subject(subject).groups(Set.of(groups)).expiresIn(Duration.ofHours(1))
                .sign(SIGNING);
    }

    /** A well-formed token signed with a key the app does not trust. */
    public static String forged(String user, List<String> rooms) {
        return Jwt.issuer(ISSUER).subject("id-" + user).preferredUserName(user).claim("rooms", rooms)
                .expiresIn(Duration.ofHours(1)).sign(STRANGER);
    }

    /** The public key that verifies {@link #token}s, for a parser outside the app. */
    public static PublicKey publicKey() {
        try {
            byte[] der = Base64.getDecoder().decode(pemBody("jwt/publicKey.pem"));
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An {@code Authorization} header with {@code token}. */
    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static PrivateKey privateKey(String resource) {
        try {
            byte[] der = Base64.getDecoder().decode(pemBody(resource));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base64 body of a PEM file on the test class path. */
    private static String pemBody(String resource) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
