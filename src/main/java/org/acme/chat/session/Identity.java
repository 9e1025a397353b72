package org.acme.chat.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import org.acme.chat.broker.NameKey;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;

/**
 * Who a v2 connection is: a person, whose id is the same on every node and in every tab. Without auth it is derived
 * from the name (as a {@link NameKey}: names that read alike are one) and the client key the page keeps; with auth from
 * the token's {@code sub}. The id is a digest: it does not reveal the key, so members cannot take each other's place.
 */
public final class Identity {

    /** A client key: 8–64 of {@code A-Z a-z 0-9 _ -}. */
    public static final Pattern CLIENT_KEY = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private Identity() {
    }

    /** The person {@code name} is with {@code clientKey}; without a key, a person of this connection only. */
    public static Member person(String name, String clientKey) {
        String key = clientKey != null ? clientKey : UUID.randomUUID().toString();
        return new Member(digest("key\0" + NameKey.of(name) + "\0" + key), name);
    }

    /** The person of a token's subject, shown as {@code name}. */
    public static Member subject(String name, String subject) {
        return new Member(digest("sub\0" + subject), name);
    }

    /** Refuses a malformed client key ({@code INVALID_JOIN}); null (none) is fine. */
    public static void checkClientKey(String clientKey) throws RefusedException {
        if (clientKey != null && !CLIENT_KEY.matcher(clientKey).matches()) {
            throw new RefusedException(Refusal.Kind.INVALID_JOIN.because(
                    "invalid client: use 8-64 of A-Z a-z 0-9 _ - (a random key your page keeps)"));
        }
    }

    private static String digest(String input) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return "p" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
