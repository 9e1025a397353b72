package org.acme.chat.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.net.URI;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/** {@code /echo} returns every message unchanged and in kind. */
@QuarkusTest
class EchoSocketTest {

    @TestHTTPResource("/")
    URI base;

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
    void echoesAFragmentedMessageAsOneMessage() {
        try (WsClient client = WsClient.connect(base, "/echo")) {
            client.sendFrame(WebSocketFrame.textFrame("one-", false));
            client.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer("two-"), false));
            client.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer("three"), true));
            assertEquals("one-two-three", client.nextText());
        }
    }
}
