package org.acme.chat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.time.Duration;
import java.util.List;
import org.acme.chat.protocol.CloseCodes;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.support.TestTokens;
import org.junit.jupiter.api.Test;

/** With {@code chat.auth.enabled}, a connection ends with 1008 "token expired" when its token expires, not before. */
class TokenExpiryTest {

    private final DefaultJWTParser parser = new DefaultJWTParser(
            new JWTAuthContextInfo(TestTokens.publicKey(), TestTokens.ISSUER));
    private final Harness chat = Harness.withAuth(parser);

    @Test
    void theConnectionClosesWith1008WhenItsTokenExpiresAndTheMemberLeaves() throws Exception {
        Harness.Client watcher = join("watcher", TestTokens.token("watcher", List.of("lobby"), Duration.ofHours(1)));
        String token = TestTokens.token("alice", List.of("lobby"), Duration.ofSeconds(60));
        Harness.Client alice = join("alice", token);
        long expiresInMs = parser.parse(token).getExpirationTime() * 1000 - chat.timers.currentTimeMillis();

        chat.timers.advance(Duration.ofMillis(expiresInMs - 1_000));
        assertFalse(alice.transport.closed(), "still valid a second before expiry");
        chat.timers.advance(Duration.ofSeconds(2));
        alice.transport.runTasks();

        assertEquals(CloseCodes.POLICY_VIOLATION, alice.transport.closeCode());
        assertEquals("token expired", alice.transport.closeReason());
        assertEquals("leave", watcher.transport.last().get("type").asText());
        assertEquals("alice", watcher.transport.last().get("member").get("name").asText(), "the name is the token's");
        assertEquals(1, chat.errors(Refusal.Kind.TOKEN_EXPIRED));
    }

    @Test
    void aConnectionClosedBeforeItsTokenExpiresLeavesNoTimerBehind() {
        Harness.Client alice = join("alice", TestTokens.token("alice", List.of("lobby"), Duration.ofSeconds(60)));
        assertEquals(1, chat.timers.pending());

        alice.session.onClose();

        assertEquals(0, chat.timers.pending());
    }

    private Harness.Client join(String user, String token) {
        return chat.join("lobby", null, "10.0.0.1", header -> "Authorization".equals(header) ? "Bearer " + token
                : null);
    }
}
