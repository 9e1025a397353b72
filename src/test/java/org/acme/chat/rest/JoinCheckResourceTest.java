package org.acme.chat.rest;

import static io.restassured.RestAssured.given;
import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/** The join-check API gives the page the status and reason a refused upgrade would have had. */
@QuarkusTest
class JoinCheckResourceTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void freeNameIs204() {
        given().queryParam("room", uniqueRoom("check")).queryParam("name", "alice")
                .when().get("/api/join-check").then().statusCode(204);
    }

    @Test
    void invalidRoomOrNameIs400() {
        given().queryParam("room", "bad room").queryParam("name", "alice")
                .when().get("/api/join-check").then().statusCode(400).body(containsString("invalid room"));
        given().queryParam("room", "r1").queryParam("name", "<img src=x>")
                .when().get("/api/join-check").then().statusCode(400).body(containsString("invalid name"));
        given().queryParam("room", "r1")
                .when().get("/api/join-check").then().statusCode(400).body(containsString("missing name"));
    }

    @Test
    void aHugeRoomIs400WithAShortReasonThatDoesNotRepeatIt() {
        String room = "r".repeat(3000);
        String body = given().queryParam("room", room).queryParam("name", "alice")
                .when().get("/api/join-check").then().statusCode(400).extract().asString();
        assertTrue(body.length() < 200 && !body.contains("rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"), body);
    }

    @Test
    void aForeignOriginIs403LikeTheUpgrade() {
        given().header("Origin", "https://elsewhere.example").queryParam("room", uniqueRoom("check"))
                .queryParam("name", "alice").when().get("/api/join-check").then().statusCode(403)
                .body(containsString("origin not allowed"));
        given().header("Origin", base.toString().replaceAll("/$", "")).queryParam("room", uniqueRoom("check"))
                .queryParam("name", "alice").when().get("/api/join-check").then().statusCode(204);
    }

    @Test
    void everyAnswerForbidsContentSniffing() {
        given().queryParam("room", uniqueRoom("check")).queryParam("name", "alice")
                .when().get("/api/join-check").then().statusCode(204).header("X-Content-Type-Options", "nosniff");
        given().queryParam("room", "bad room").queryParam("name", "alice")
                .when().get("/api/join-check").then().statusCode(400).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void takenNameIs409() {
        String room = uniqueRoom("check");
        try (WsClient alice = WsClient.connect(base, chatPath(room, "alice"))) {
            alice.next("welcome");
            given().queryParam("room", room).queryParam("name", " Alice ")
                    .when().get("/api/join-check").then().statusCode(409).body(containsString("already taken"));
        }
    }
}
