package org.acme.chat.websocket;

import static io.restassured.RestAssured.given;
import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad upgrade requests are answered with an HTTP status and a one-line reason; no WebSocket is opened. */
@QuarkusTest
class UpgradeRejectionTest {

    @TestHTTPResource("/")
    URI base;

    @ParameterizedTest
    @ValueSource(strings = { "/chat/r1?name=alice", "/echo" })
    void plainGetOnAWebSocketPathIs400(String path) {
        given().urlEncodingEnabled(false).when().get(path)
                .then().statusCode(400).body(containsString("WebSocket upgrade expected"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/chat/-bad?name=alice", "/chat/a%20b?name=alice", "/chat/r1?name=%3Cscript%3E",
            "/chat/r1", "/chat/r1?name=", "/chat/r1?name=a&name=b" })
    void invalidRoomOrNameIs400WithAReason(String pathAndQuery) {
        upgrade().get(pathAndQuery).then().statusCode(400).body(anyOf(containsString("invalid"), containsString("missing")));
        assertEquals(400, WsClient.rejectedStatus(base, pathAndQuery));
    }

    @Test
    void tooLongRoomIs400() {
        upgrade().get("/chat/" + "r".repeat(65) + "?name=alice").then().statusCode(400)
                .body(containsString("invalid room"));
    }

    @Test
    void nameTakenInTheRoomIs409IgnoringCase() {
        String room = uniqueRoom("taken");
        try (WsClient alice = WsClient.connect(base, chatPath(room, "Alice"))) {
            alice.next("welcome");
            upgrade().get(chatPath(room, "alice")).then().statusCode(409).body(containsString("already taken"));
            assertEquals(409, WsClient.rejectedStatus(base, chatPath(room, "ALICE")));
            try (WsClient other = WsClient.connect(base, chatPath(uniqueRoom("other"), "alice"))) {
                other.next("welcome");
            }
            alice.assertNothingPending();
        }
    }

    /** A request carrying the WebSocket upgrade headers, as a browser sends them. */
    private static RequestSpecification upgrade() {
        return given().urlEncodingEnabled(false)
                .header("Connection", "Upgrade")
                .header("Upgrade", "websocket")
                .header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .when();
    }
}
