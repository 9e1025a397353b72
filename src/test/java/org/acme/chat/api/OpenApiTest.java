package org.acme.chat.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.acme.chat.support.ManagementInterface;
import org.junit.jupiter.api.Test;

/** The OpenAPI document is served on the management interface, not the public port, and lists every route. */
@QuarkusTest
class OpenApiTest {

    private static final Map<String, List<String>> ROUTES = Map.of(
            "/api/v1/rooms", List.of("get"),
            "/api/v1/rooms/{room}/messages", List.of("get", "post"),
            "/api/v1/rooms/{room}/messages/{id}", List.of("delete"),
            "/api/v1/rooms/{room}/members", List.of("get"),
            "/api/v1/rooms/{room}/members/{name}/kick", List.of("post"),
            "/api/v1/rooms/{room}/bans", List.of("post"),
            "/api/v1/rooms/{room}/bans/{name}", List.of("delete"),
            "/api/v1/stats", List.of("get"));

    @Test
    void everyRouteIsInTheDocumentOnTheManagementPortOnly() {
        JsonPath doc = given().accept("application/json").get(ManagementInterface.uri("/q/openapi")).then()
                .statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        ROUTES.forEach((path, methods) -> {
            assertTrue(paths.containsKey(path), () -> path + " missing from " + paths.keySet());
            for (String method : methods) {
                assertTrue(paths.get(path).containsKey(method), () -> method + " " + path + " missing");
            }
        });
        assertEquals(ROUTES.keySet().stream().sorted().toList(),
                paths.keySet().stream().filter(path -> path.startsWith("/api/v1")).sorted().toList());
        given().get("/q/openapi").then().statusCode(404);
    }
}
