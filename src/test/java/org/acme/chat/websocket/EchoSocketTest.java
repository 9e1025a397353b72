package org.acme.chat.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.net.URI;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /echo} speaks the keep-alive mini-protocol: the text {@code ping} gets {@code pong}, the text {@code bye} gets
 * close 1000 {@code Bye}, and every other message comes back unchanged and in kind.
 */
@QuarkusTest
class EchoSocketTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void pingIsAnsweredWithPong() {
        try (WsClient client = WsClient.connect(base, "/echo")) {
            client.send("ping");
            assertEquals("pong", client.nextText());
            client.send("ping");
            assertEquals("pong", client.nextText(), "as often as it is asked");
        }
    }

    @Test
    void byeEndsTheConversationWithACleanClose() {
        try (WsClient client = WsClient.connect(base, "/echo")) {
            client.send("bye");
            assertEquals(1000, client.awaitClose());
            assertEquals("Bye", client.closeReason());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "Ping", " ping", "ping\n", "PING", "pong", "bye ", "Bye", "{\"type\":\"ping\"}" })
    void lookAlikesAreEchoed(String text) {
        try (WsClient client = WsClient.connect(base, "/echo")) {
            client.send(text);
            assertEquals(text, client.nextText());
            client.send("ping");
            assertEquals("pong", client.nextText(), "still open");
        }
    }

    @Test
    void aBinaryPingIsEchoedAsBinary() {
        try (WsClient client = WsClient.connect(base, "/echo")) {
            client.sendBinary(Buffer.buffer("ping"));
            assertEquals(Buffer.buffer("ping"), client.nextBinary());
        }
    }

    @Test
    void echoesTextAsText() {
        try (WsClient client = WsClient.connect(base, "/echo")) {
            client.send("héllo {\"not\":\"parsed\"} 😀");
            assertEquals("héllo {\"not\":\"parsed\"} 😀", client.nextText());
        }
    }

    @Test
    void echoesBinaryAsBinary() {
        byte[] bytes = { 0, (byte) 0xff, 0x7f, (byte) 0x80, 10 };
        try (WsClient client = WsClient.connect(base, "/echo")) {
            client.sendBinary(Buffer.buffer(bytes));
            assertEquals(Buffer.buffer(bytes), client.nextBinary());
        }
    }

    @Test
    void aFragmentedBinaryMessageComesBackAsOne() {
        try (WsClient client = WsClient.connect(base, "/echo")) {
            client.sendFrame(WebSocketFrame.binaryFrame(Buffer.buffer("by"), false));
            client.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer("e"), true));
            assertEquals(Buffer.buffer("bye"), client.nextBinary());
            client.send("ping");
            assertEquals("pong", client.nextText(), "a binary 'bye' does not close");
        }
    }

    @Test
    void echoesAFragmentedMessageAsOneMessage() {
        try (WsClient client = WsClient.connect(base, "/echo")) {
            client.sendFrame(WebSocketFrame.textFrame("one-", false));
            client.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer("two-"), false));
            client.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer("three"), true));
            assertEquals("one-two-three", client.nextText());
        }
    }
}
