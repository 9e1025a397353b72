package org.acme.chat.websocket;

import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.net.URI;
import java.util.function.Consumer;
import org.acme.chat.support.Frames;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/** Frames the server cannot accept close the connection with their documented code; the room carries on. */
@QuarkusTest
class CloseCodeTest {

    /** {@code chat.max-frame-bytes} in the test profile. */
    private static final int MAX_BYTES = 8192;

    @TestHTTPResource("/")
    URI base;

    @Test
    void binaryFrameClosesWith1003() {
        assertClosedWith(1003, c -> c.sendBinary(Buffer.buffer(new byte[] { 1, 2, 3 })));
    }

    @Test
    void frameOverTheLimitClosesWith1009() {
        assertClosedWith(1009, c -> c.sendFrame(WebSocketFrame.textFrame("x".repeat(MAX_BYTES + 1), true)));
    }

    @Test
    void frameOverTwiceTheLimitIsDroppedWithoutReadingIt() {
        assertClosedWith(1006, c -> c.sendFrame(WebSocketFrame.textFrame("x".repeat(2 * MAX_BYTES + 1), true)));
    }

    @Test
    void fragmentedMessageOverTheLimitClosesWith1009() {
        String chunk = "y".repeat(1024);
        assertClosedWith(1009, c -> {
            // The server may close as soon as the total passes the limit, before the last fragments are sent.
            boolean open = c.trySendFrame(WebSocketFrame.textFrame(chunk, false));
            for (int i = 0; i < 8 && open; i++) {
                open = c.trySendFrame(WebSocketFrame.continuationFrame(Buffer.buffer(chunk), false));
            }
            if (open) {
                c.trySendFrame(WebSocketFrame.continuationFrame(Buffer.buffer(chunk), true));
            }
        });
    }

    private void assertClosedWith(int code, Consumer<WsClient> offence) {
        String room = uniqueRoom("close");
        try (WsClient offender = WsClient.join(base, room, "offender");
                WsClient bystander = WsClient.join(base, room, "bystander")) {
            offender.next("join");

            offence.accept(offender);
            assertEquals(code, offender.awaitClose());

            assertEquals("offender", bystander.next("leave").getJsonObject("member").getString("name"));
            bystander.send(Frames.message("carry on"));
            assertEquals("carry on", bystander.next("message").getString("text"));
        }
    }
}
