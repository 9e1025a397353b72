package org.acme.chat.auth;

import static io.restassured.RestAssured.given;
import static org.acme.chat.support.Frames.memberName;
import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.acme.chat.support.TestTokens.bearer;
import static org.acme.chat.support.TestTokens.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.acme.chat.support.Frames;
import org.acme.chat.support.RawClient;
import org.acme.chat.support.TestTokens;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/** With {@code chat.auth.enabled}, the token decides who you are and which rooms you may enter. */
@QuarkusTest
@TestProfile(AuthTest.TokensRequired.class)
class AuthTest {

    public static class TokensRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestTokens.appConfig();
        }
    }

    private static final Duration HOUR = Duration.ofHours(1);

    @TestHTTPResource("/")
    URI base;

    @Test
    void missingForgedOrExpiredTokenIs401() {
        String path = chatPath("team-a", "whoever");
        assertEquals(401, WsClient.rejectedStatus(base, path));
        assertEquals(401, WsClient.rejectedStatus(base, path, Map.of("Authorization", "Bearer not-a-jwt")));
        assertEquals(401, WsClient.rejectedStatus(base, path, bearer(TestTokens.forged("eve", List.of("*")))));
        assertEquals(401, WsClient.rejectedStatus(base, path, bearer(token("late", List.of("*"), Duration.ofSeconds(-60)))));
    }

    @Test
    void roomOutsideTheClaimIs403AndGlobsGrantRooms() {
        String alice = token("alice", List.of("team-*", "lobby"), HOUR);
        assertEquals(403, WsClient.rejectedStatus(base, chatPath("secret", "alice"), bearer(alice)));
        assertEquals(403, WsClient.rejectedStatus(base, chatPath("teamx", "alice"), bearer(alice)));
        String room = uniqueRoom("team");
        try (WsClient joined = WsClient.join(base, room, "ignored", bearer(alice))) {
            assertEquals("alice", joined.welcome().getJsonObject("you").getString("name"),
                    "the name comes from the token; the name parameter is ignored");
        }
    }

    @Test
    void tokenAsSubprotocolWorksForBrowsersAndTheServerPicksChatV1() {
        String bob = token("bob", List.of("team-*"), HOUR);
        String room = uniqueRoom("team");
        String protocols = "Sec-WebSocket-Protocol: chat.v1, quarkus-http-upgrade#Authorization#"
                + URLEncoder.encode("Bearer " + bob, StandardCharsets.UTF_8).replace("+", "%20") + "\r\n";
        try (WsClient watcher = WsClient.join(base, room, "x", bearer(token("watcher", List.of("team-*"), HOUR)));
                RawClient browserLike = RawClient.connect(base, chatPath(room, "x"), protocols, 0)) {
            assertTrue(browserLike.responseHead().toLowerCase().contains("sec-websocket-protocol: chat.v1"),
                    browserLike.responseHead());
            assertEquals("bob", memberName(watcher.next("join")));
        }
    }

    @Test
    void connectionClosesWith1008WhenItsTokenExpires() {
        String room = uniqueRoom("team");
        try (WsClient stays = WsClient.join(base, room, "x", bearer(token("stays", List.of("team-*"), HOUR)));
                WsClient brief = WsClient.join(base, room, "x", bearer(token("brief", List.of("team-*"),
                        Duration.ofSeconds(3))))) {
            assertEquals("brief", memberName(stays.next("join")));
            assertEquals(1008, brief.awaitClose());
            assertEquals("token expired", brief.closeReason());
            assertEquals("brief", memberName(stays.next("leave")));
            stays.send(Frames.message("still here"));
            assertEquals("still here", stays.next("message").getString("text"));
        }
    }

    @Test
    void joinCheckAsksForTheTokenToo() {
        given().queryParam("room", "lobby").queryParam("name", "x").get("/api/join-check").then().statusCode(401);
        given().header("Authorization", "Bearer " + token("carol", List.of("lobby"), HOUR))
                .queryParam("room", "lobby").queryParam("name", "x").get("/api/join-check").then().statusCode(204);
        given().header("Authorization", "Bearer " + token("carol", List.of("lobby"), HOUR))
                .queryParam("room", "elsewhere").queryParam("name", "x").get("/api/join-check").then().statusCode(403);
    }
}
