package org.acme.chat.websocket;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.acme.chat.support.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A malformed {@code quarkus-http-upgrade#…} subprotocol (the header propagation browsers use for the token) gets 400
 * and a one-line reason, on the WebSocket paths and elsewhere, and nothing is logged at ERROR; a well-formed one still
 * upgrades.
 */
@QuarkusTest
class MalformedSubprotocolTest {

    private static final String PROTOCOL = "Sec-WebSocket-Protocol";

    @TestHTTPResource("/")
    URI base;

    private final ConcurrentLinkedQueue<LogRecord> errors = new ConcurrentLinkedQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureErrors() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "chat.v1, quarkus-http-upgrade#garbage",
            "chat.v1, quarkus-http-upgrade#Authorization#",
            "chat.v1, quarkus-http-upgrade#Authorization",
            "chat.v1, quarkus-http-upgrade#Authorization#Bearer%zz",
            "chat.v1, quarkus-http-upgrade#Authorization#Bearer%2",
            "chat.v1, quarkus-http-upgrade#a#b#c",
            "chat.v1, quarkus-http-upgrade##value",
            "chat.v1, quarkus-http-upgrade#X-Bad%0D%0AInjected#v",
            "chat.v1, quarkus-http-upgrade#X-Test#a%0D%0Ab",
            "chat.v1, quarkus-http-upgrade#Host#evil.example",
            "chat.v1, quarkus-http-upgrade#Cookie#session=stolen",
            "quarkus-http-upgrade#Authorization#Bearer%20abc" })
    void isRefusedWith400AndOneLineNothingLoggedAtError(String protocols) {
        for (String path : List.of("/chat/r1?name=alice", "/echo")) {
            Response response = given().urlEncodingEnabled(false)
                    .header("Connection", "Upgrade").header("Upgrade", "websocket")
                    .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                    .header(PROTOCOL, protocols)
                    .when().get(path);
            assertOneLine400(protocols + " on " + path, response);
        }
        assertOneLine400(protocols + " on the join check", given().header(PROTOCOL, protocols)
                .queryParam("room", "r1").queryParam("name", "alice").when().get("/api/join-check"));
        assertEquals(List.of(), errors.stream().map(LogRecord::getMessage).toList(), "logged at ERROR");
    }

    @Test
    void aWellFormedHeaderSubprotocolStillUpgrades() {
        String head = RawClient.upgradeHead(base, "/echo",
                PROTOCOL + ": chat.v1, quarkus-http-upgrade#Authorization#Bearer%20some.token\r\n", "127.0.0.1");
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        assertTrue(head.toLowerCase(Locale.ROOT).contains("sec-websocket-protocol: chat.v1"), head);
        assertEquals(List.of(), errors.stream().map(LogRecord::getMessage).toList(), "logged at ERROR");
    }

    private static void assertOneLine400(String what, Response response) {
        String body = response.body().asString();
        assertEquals(400, response.statusCode(), () -> what + ": " + body);
        assertEquals(1, body.strip().lines().count(), () -> what + ": " + body);
        assertTrue(body.contains("quarkus-http-upgrade") && body.length() < 200, () -> what + ": " + body);
    }
}
