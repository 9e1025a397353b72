package org.acme.chat.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The three Kubernetes probes answer UP; readiness carries the named chat check with its data. */
@QuarkusTest
class HealthTest {

    @Test
    void liveness() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessIncludesTheChatCheck() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("chat"))
                .body("checks.find { it.name == 'chat' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'chat' }.data.accepting", equalTo(true))
                .body("checks.find { it.name == 'chat' }.data.connections", notNullValue())
                .body("checks.find { it.name == 'chat' }.data.rooms", notNullValue())
                // Every framework internal the transport adapter relies on is there (native image included).
                .body("checks.find { it.name == 'chat' }.data.transport", equalTo("direct"));
    }

    @Test
    void started() {
        given().when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }
}
