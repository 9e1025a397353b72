package org.acme.chat.websocket;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.http.UpgradeRejectedException;
import java.net.URI;
import java.util.Map;
import org.acme.chat.support.Names;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/** With {@code chat.echo.enabled=false}, {@code /echo} is not there (404); chat rooms are unaffected. */
@QuarkusTest
@TestProfile(EchoDisabledTest.EchoOff.class)
class EchoDisabledTest {

    public static class EchoOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.echo.enabled", "false");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void echoIs404ForAnUpgradeAndForAPlainGet() {
        UpgradeRejectedException refused = WsClient.rejection(base, "/echo");
        assertEquals(404, refused.getStatus());
        assertEquals("not found: /echo is switched off on this server (chat.echo.enabled)\n",
                refused.getBody().toString());
        given().get("/echo").then().statusCode(404);
    }

    @Test
    void chatRoomsStillOpen() {
        try (WsClient alice = WsClient.join(base, Names.uniqueRoom("echo-off"), "alice")) {
            assertEquals("alice", alice.welcome().getJsonObject("you").getString("name"));
        }
    }
}
