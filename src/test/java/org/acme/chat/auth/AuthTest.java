package org.acme.chat.auth;

import static io.restassured.RestAssured.given;
import static org.acme.chat.support.Frames.memberName;
import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.acme.chat.support.Prometheus.value;
import static org.acme.chat.support.TestTokens.bearer;
import static org.acme.chat.support.TestTokens.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.acme.chat.support.Bystanders;
import org.acme.chat.support.RawClient;
import org.acme.chat.support.TestTokens;
import org.acme.chat.support.TokensRequired;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/** With {@code chat.auth.enabled}, the token decides who you are and which rooms you may enter. */
@QuarkusTest
@TestProfile(TokensRequired.class)
class AuthTest {

    private static final Duration HOUR = Duration.ofHours(1);

    /** Bystanders' tokens, each granting the {@code team-*} rooms. */
    private static Map<String, String> tokenFor(String name) {
        return bearer(token(name, List.of("team-*"), HOUR));
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void missingForgedOrExpiredTokenIs401() {
        double unauthorized = value("chat_errors_total{code=\"unauthorized\"}");
        try (Bystanders bystanders = Bystanders.join(base, "team", AuthTest::tokenFor)) {
            String path = chatPath(bystanders.room(), "whoever");
            assertEquals(401, WsClient.rejectedStatus(base, path));
            assertEquals(401, WsClient.rejectedStatus(base, path, Map.of("Authorization", "Bearer not-a-jwt")));
            assertEquals(401, WsClient.rejectedStatus(base, path, bearer(TestTokens.forged("eve", List.of("*")))));
            assertEquals(401, WsClient.rejectedStatus(base, path, bearer(token("late", List.of("*"),
                    Duration.ofSeconds(-60)))));
            // Within the parser's default clock skew (60 s), but expired all the same.
            assertEquals(401, WsClient.rejectedStatus(base, path, bearer(token("just-late", List.of("*"),
                    Duration.ofSeconds(-5)))));
            bystanders.assertUndisturbed();
        }
        assertEquals(unauthorized + 5, value("chat_errors_total{code=\"unauthorized\"}"));
    }

    @Test
    void roomOutsideTheClaimIs403AndGlobsGrantRooms() {
        String dave = token("dave", List.of("team-*", "lobby"), HOUR);
        try (Bystanders bystanders = Bystanders.join(base, "team", AuthTest::tokenFor)) {
            assertEquals(403, WsClient.rejectedStatus(base, chatPath("secret", "dave"), bearer(dave)));
            assertEquals(403, WsClient.rejectedStatus(base, chatPath("teamx", "dave"), bearer(dave)));
            try (WsClient joined = WsClient.join(base, bystanders.room(), "ignored", bearer(dave))) {
                assertEquals("dave", joined.welcome().getJsonObject("you").getString("name"),
                        "the name comes from the token; the name parameter is ignored");
            }
            bystanders.assertUndisturbed();
        }
    }

    @Test
    void withoutPreferredUsernameTheSubjectIsTheNameAndASingleRoomMayBeAString() {
        String room = uniqueRoom("solo");
        String token = TestTokens.subjectOnly("dora", room, HOUR);
        try (WsClient joined = WsClient.join(base, room, "ignored", bearer(token))) {
            assertEquals("dora", joined.welcome().getJsonObject("you").getString("name"));
        }
        assertEquals(403, WsClient.rejectedStatus(base, chatPath(uniqueRoom("solo"), "x"), bearer(token)));
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
    void echoAsksForAValidTokenButForNoRoom() {
        double unauthorized = value("chat_errors_total{code=\"unauthorized\"}");
        assertEquals(401, WsClient.rejectedStatus(base, "/echo"));
        assertEquals(401, WsClient.rejectedStatus(base, "/echo", Map.of("Authorization", "Bearer not-a-jwt")));
        assertEquals(401, WsClient.rejectedStatus(base, "/echo", bearer(TestTokens.forged("eve", List.of("*")))));
        assertEquals(401, WsClient.rejectedStatus(base, "/echo", bearer(token("late", List.of("*"),
                Duration.ofSeconds(-60)))));
        assertEquals(unauthorized + 4, value("chat_errors_total{code=\"unauthorized\"}"));

        try (WsClient echo = WsClient.connect(base, "/echo", bearer(token("erin", List.of(), HOUR)))) {
            echo.send("ping");
            assertEquals("pong", echo.nextText());
        }
    }

    @Test
    void withoutConfiguredAudiencesATokenForAnyAudienceIsAccepted() {
        String room = uniqueRoom("team");
        try (WsClient joined = WsClient.join(base, room, "x", bearer(TestTokens.forAudience("bill", List.of("team-*"),
                "billing-api")))) {
            assertEquals("bill", joined.welcome().getJsonObject("you").getString("name"));
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
