package org.acme.chat.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.acme.chat.support.ApiKeys;
import org.junit.jupiter.api.Test;

/** Without an API key and with {@code chat.auth.enabled} off, the server API is off: 404 everywhere, never open. */
@QuarkusTest
class ApiOffTest {

    @Test
    void everyRouteIs404EvenWithWhatWouldBeAKeyAndTheJoinCheckStillAnswers() {
        for (String path : List.of("/api/v1/rooms", "/api/v1/stats", "/api/v1/rooms/lobby/members",
                "/api/v1/rooms/lobby/messages")) {
            given().get(path).then().statusCode(404).contentType("application/problem+json");
            given().header("Authorization", ApiKeys.bearer(ApiKeys.KEY)).get(path).then().statusCode(404);
        }
        given().header("Authorization", ApiKeys.bearer(ApiKeys.KEY)).contentType("application/json")
                .body("{\"text\":\"hi\"}").post("/api/v1/rooms/lobby/messages").then().statusCode(404);
        given().queryParam("room", "lobby").queryParam("name", "alice").get("/api/join-check").then()
                .statusCode(204);
        given().queryParam("room", "-").queryParam("name", "alice").get("/api/join-check").then()
                .statusCode(400).contentType(equalTo("text/plain;charset=UTF-8"));
    }
}
