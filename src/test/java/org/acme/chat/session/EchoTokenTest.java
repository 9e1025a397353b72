package org.acme.chat.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.acme.chat.protocol.CloseCodes;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.support.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * With {@code chat.auth.enabled}, {@code /echo} needs a valid token too (any user, no room), checked before the
 * connection takes a slot; the connection ends with 1008 when the token expires. The session is where this is decided
 * for good: the upgrade guard only answers early.
 */
class EchoTokenTest {

    private final DefaultJWTParser parser = new DefaultJWTParser(
            new JWTAuthContextInfo(TestTokens.publicKey(), TestTokens.ISSUER));
    private final Harness harness = Harness.withAuth(parser);

    @Test
    void withoutATokenTheConnectionClosesWith1008AndTakesNoSlot() {
        Harness.Client anonymous = harness.echo(header -> null);

        assertEquals(CloseCodes.POLICY_VIOLATION, anonymous.transport.closeCode());
        assertEquals(Refusal.Kind.UNAUTHORIZED.message(), anonymous.transport.closeReason());
        assertEquals(0, harness.admission.open());
        assertEquals(1, harness.errors(Refusal.Kind.UNAUTHORIZED));
        anonymous.session.onText("ping");
        assertEquals(0, anonymous.transport.sent().size(), "nothing is answered");
        anonymous.session.onClose();
        assertEquals(0, harness.admission.open());
    }

    @Test
    void aForgedTokenIsRefusedAndAnyValidOneWillDo() {
        Harness.Client forged = harness.echo(bearer(TestTokens.forged("eve", List.of("*"))));
        assertEquals(CloseCodes.POLICY_VIOLATION, forged.transport.closeCode());

        Harness.Client erin = harness.echo(bearer(TestTokens.token("erin", List.of(), Duration.ofHours(1))));
        erin.session.onText("ping");
        assertEquals("pong", erin.transport.sent().get(0).text());
        assertEquals(1, harness.admission.open());
    }

    @Test
    void theConnectionClosesWith1008WhenItsTokenExpires() throws Exception {
        String token = TestTokens.token("erin", List.of(), Duration.ofSeconds(60));
        Harness.Client erin = harness.echo(bearer(token));
        long expiresInMs = parser.parse(token).getExpirationTime() * 1000 - harness.timers.currentTimeMillis();

        harness.timers.advance(Duration.ofMillis(expiresInMs - 1_000));
        assertFalse(erin.transport.closed(), "still valid a second before expiry");
        harness.timers.advance(Duration.ofSeconds(2));
        erin.transport.runTasks();

        assertEquals(CloseCodes.POLICY_VIOLATION, erin.transport.closeCode());
        assertEquals("token expired", erin.transport.closeReason());
        erin.session.onClose();
        assertEquals(0, harness.timers.pending());
    }

    private static UnaryOperator<String> bearer(String token) {
        return header -> "Authorization".equals(header) ? "Bearer " + token : null;
    }
}
