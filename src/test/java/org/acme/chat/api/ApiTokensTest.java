package org.acme.chat.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.acme.chat.support.ApiKeys;
import org.acme.chat.support.ApiWithTokens;
import org.acme.chat.support.TestTokens;
import org.junit.jupiter.api.Test;

/** With {@code chat.auth.enabled}, a JWT holding {@code chat.api.admin-role} may call the API; others get 401 or 403. */
@QuarkusTest
@TestProfile(ApiWithTokens.class)
class ApiTokensTest {

    @Test
    void anAdminTokenIsAcceptedAMemberTokenIs403AndAForgedOne401() {
        given().header("Authorization", "Bearer " + TestTokens.withGroups("ops", "chat-admin"))
                .get("/api/v1/stats").then().statusCode(200);
        given().header("Authorization", "Bearer " + TestTokens.withGroups("bob", "user"))
                .get("/api/v1/stats").then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403));
        given().header("Authorization", "Bearer " + TestTokens.forged("ops", List.of("*")))
                .get("/api/v1/stats").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", ApiKeys.bearer(ApiKeys.KEY)).contentType("application/json")
                .body(Map.of("text", "keys still work")).post("/api/v1/rooms/{room}/messages", "lobby").then()
                .statusCode(201);
    }
}
