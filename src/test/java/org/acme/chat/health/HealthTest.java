package org.acme.chat.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.acme.chat.support.ManagementInterface;
import org.acme.chat.support.PackagedApp;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * The three Kubernetes probes answer UP; readiness carries the named chat check with its data, the transport's fast
 * path and the event loops' I/O among them.
 */
@QuarkusTest
class HealthTest {

    @Test
    void liveness() {
        given().when().get(ManagementInterface.uri("/q/health/live")).then().statusCode(200).body("status", equalTo("UP"));
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void readinessIncludesTheChatCheck() {
        // One connection first: the transport's last checks (the live pipeline's) run on the first upgrade.
        try (WsClient echo = WsClient.connect(base, "/echo")) {
            echo.send("ping");
            assertEquals("pong", echo.nextText());
        }
        given().when().get(ManagementInterface.uri("/q/health/ready")).then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("chat"))
                .body("checks.find { it.name == 'chat' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'chat' }.data.accepting", equalTo(true))
                .body("checks.find { it.name == 'chat' }.data.connections", notNullValue())
                .body("checks.find { it.name == 'chat' }.data.rooms", notNullValue())
                // Every framework internal the transport adapter relies on is there (native image included).
                .body("checks.find { it.name == 'chat' }.data.transport", equalTo("direct"))
                .body("checks.find { it.name == 'chat' }.data.io", equalTo(expectedIo()));
    }

    /**
     * The event loops run on Netty's epoll transport (this is Linux, and the pom brings it) on the JVM. Quarkus 3.34
     * pins native images to Java NIO (it substitutes Vert.x's native-transport lookup there); when a Quarkus upgrade
     * lifts that, this fails on the native binary, and docs/configuration.md should follow.
     */
    private String expectedIo() {
        boolean nativeBinary = getClass().isAnnotationPresent(QuarkusIntegrationTest.class) && PackagedApp.isNative();
        return nativeBinary ? "nio" : "epoll";
    }

    @Test
    void started() {
        given().when().get(ManagementInterface.uri("/q/health/started")).then().statusCode(200).body("status", equalTo("UP"));
    }
}
