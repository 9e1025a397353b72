package org.acme.chat.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.chat.support.ManagementInterface;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Health and metrics are served on the management interface only: the port the chat (and an Ingress routing /) uses
 * answers 404 for them.
 */
@QuarkusTest
class ManagementInterfaceTest {

    @ParameterizedTest
    @ValueSource(strings = { "/q/metrics", "/q/health", "/q/health/live", "/q/health/ready", "/q/health/started" })
    void notOnTheChatPort(String path) {
        given().when().get(path).then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/q/health", "/q/health/live", "/q/health/ready", "/q/health/started" })
    void healthOnTheManagementPort(String path) {
        given().when().get(ManagementInterface.uri(path)).then().statusCode(200).body(containsString("\"UP\""));
    }

    @Test
    void metricsOnTheManagementPort() {
        given().when().get(ManagementInterface.uri("/q/metrics")).then().statusCode(200)
                .body(containsString("chat_connections_active"));
    }
}
