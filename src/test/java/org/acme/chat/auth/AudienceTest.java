package org.acme.chat.auth;

import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.acme.chat.support.TestTokens.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.http.UpgradeRejectedException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acme.chat.support.TestTokens;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * With {@code mp.jwt.verify.audiences} set, a token must name one of them in {@code aud}: a token the same issuer
 * minted for another service (its {@code aud} {@code billing-api}) opens nothing here.
 */
@QuarkusTest
@TestProfile(AudienceTest.ChatAudience.class)
class AudienceTest {

    static final String AUDIENCE = "chat-service";
    private static final String WRONG_AUDIENCE = "token not meant for this service: its audience (aud) is not accepted"
            + " here\n";

    public static class ChatAudience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(TestTokens.appConfig());
            config.put("mp.jwt.verify.audiences", AUDIENCE + ",chat-legacy");
            return config;
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void aTokenForAnotherAudienceOrForNoneIs401WithItsReason() {
        String path = chatPath(uniqueRoom("team"), "x");
        UpgradeRejectedException billing = WsClient.rejection(base, path,
                bearer(TestTokens.forAudience("bill", List.of("*"), "billing-api")));
        assertEquals(401, billing.getStatus());
        assertEquals(WRONG_AUDIENCE, billing.getBody().toString());
        UpgradeRejectedException none = WsClient.rejection(base, path,
                bearer(TestTokens.token("nora", List.of("*"), Duration.ofHours(1))));
        assertEquals(401, none.getStatus());
        assertEquals(WRONG_AUDIENCE, none.getBody().toString());
        assertEquals(401, WsClient.rejectedStatus(base, "/echo",
                bearer(TestTokens.forAudience("bill", List.of("*"), "billing-api"))));
    }

    @Test
    void aTokenNamingOneOfTheAudiencesIsAccepted() {
        String room = uniqueRoom("team");
        try (WsClient chat = WsClient.join(base, room, "x", bearer(TestTokens.forAudience("cleo", List.of("team-*"),
                AUDIENCE)));
                WsClient legacy = WsClient.join(base, room, "x", bearer(TestTokens.forAudience("lee",
                        List.of("team-*"), "billing-api", "chat-legacy")))) {
            assertEquals("cleo", chat.welcome().getJsonObject("you").getString("name"));
            assertEquals("lee", legacy.welcome().getJsonObject("you").getString("name"));
        }
    }
}
