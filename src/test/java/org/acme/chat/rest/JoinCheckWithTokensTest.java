package org.acme.chat.rest;

import static io.restassured.RestAssured.given;
import static org.acme.chat.support.TestTokens.token;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import org.acme.chat.support.TokensRequired;
import org.junit.jupiter.api.Test;

/** With {@code chat.auth.enabled}, the join check still validates the room before anything else reads it. */
@QuarkusTest
@TestProfile(TokensRequired.class)
class JoinCheckWithTokensTest {

    private static final String BEARER = "Bearer " + token("carol", List.of("lobby"), Duration.ofHours(1));

    @Test
    void aMissingRoomIs400Not500() {
        given().queryParam("name", "x").when().get("/api/join-check").then().statusCode(400)
                .body(containsString("invalid room"));
        given().header("Authorization", BEARER).when().get("/api/join-check").then().statusCode(400)
                .body(containsString("invalid room"));
    }

    @Test
    void aHugeRoomIs400WithAShortReasonThatDoesNotRepeatIt() {
        String room = "r".repeat(3000);
        String body = given().header("Authorization", BEARER).queryParam("room", room)
                .when().get("/api/join-check").then().statusCode(400).extract().asString();
        assertTrue(body.length() < 200 && !body.contains("rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"), body);
    }

    @Test
    void aForeignOriginIs403AfterTheToken() {
        given().header("Authorization", BEARER).header("Origin", "https://elsewhere.example")
                .queryParam("room", "lobby").when().get("/api/join-check").then().statusCode(403)
                .body(containsString("origin not allowed"));
    }
}
