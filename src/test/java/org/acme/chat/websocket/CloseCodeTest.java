package org.acme.chat.websocket;

import static org.acme.chat.support.Names.chatPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.acme.chat.support.Bystanders;
import org.acme.chat.support.RawClient;
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
    void reservedOpcodeOrReservedBitsCloseWith1002() {
        // Opcodes 0x3 and 0xB are reserved; 0x40 is RSV1, which only a negotiated extension may set.
        for (int opcode : new int[] { 0x3, 0xB, RawClient.TEXT | 0x40 }) {
            try (Bystanders bystanders = Bystanders.join(base, "close")) {
                try (RawClient raw = RawClient.connect(base, chatPath(bystanders.room(), "offender"))) {
                    raw.send(opcode, "{}".getBytes(StandardCharsets.UTF_8), true);
                    assertEquals(1002, raw.awaitCloseCode(), "first byte " + Integer.toHexString(0x80 | opcode));
                }
                bystanders.assertUndisturbed("offender");
            }
        }
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

    @Test
    void aFloodOfEmptyContinuationFramesClosesWith1008() {
        assertClosedWith(1008, c -> {
            boolean open = c.trySendFrame(WebSocketFrame.textFrame("", false));
            for (int i = 0; i < 20_000 && open; i++) {
                open = c.trySendFrame(WebSocketFrame.continuationFrame(Buffer.buffer(), false));
            }
        });
    }

    @Test
    void aFloodOfUnsolicitedPongsClosesWith1008() {
        assertClosedWith(1008, c -> {
            boolean open = true;
            for (int i = 0; i < 20_000 && open; i++) {
                open = c.trySendFrame(WebSocketFrame.pongFrame(Buffer.buffer()));
            }
        });
    }

    @Test
    void aMessageInAFewFragmentsArrivesWhole() {
        try (Bystanders bystanders = Bystanders.join(base, "close");
                WsClient sender = WsClient.join(base, bystanders.room(), "splitter")) {
            String json = "{\"type\":\"message\",\"text\":\"one message in four frames\"}";
            int quarter = json.length() / 4;
            sender.sendFrame(WebSocketFrame.textFrame(json.substring(0, quarter), false));
            for (int part = 1; part < 4; part++) {
                String piece = json.substring(part * quarter, part == 3 ? json.length() : (part + 1) * quarter);
                sender.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer(piece), part == 3));
            }

            assertEquals("one message in four frames", sender.next("message").getString("text"));
            bystanders.awaitMessagesFrom("splitter", 1);
            bystanders.assertUndisturbed();
        }
    }

    @Test
    void everyFragmentSpendsTheFrameBudget() {
        try (Bystanders bystanders = Bystanders.join(base, "close");
                WsClient sender = WsClient.join(base, bystanders.room(), "chopper")) {
            // Three messages in ten frames each: 30 frames against a burst of 20, though only 3 messages.
            for (int message = 0; message < 3; message++) {
                sender.sendFrame(WebSocketFrame.textFrame("{\"type\":\"message\",\"text\":\"", false));
                for (int part = 0; part < 8; part++) {
                    sender.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer("x"), false));
                }
                sender.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer("\"}"), true));
            }

            // The first two messages spent the burst; fragments of the third are refused, and then the third itself.
            JsonObject frame = sender.next();
            for (int read = 1; frame.getString("type").equals("message") && read < 3; read++) {
                frame = sender.next();
            }
            assertEquals("error", frame.getString("type"), frame::encode);
            assertEquals("rate_limited", frame.getString("code"));
            bystanders.assertUndisturbed();
        }
    }

    /** The offender is closed with {@code code} and leaves; bystanders in its room and another notice nothing. */
    private void assertClosedWith(int code, Consumer<WsClient> offence) {
        try (Bystanders bystanders = Bystanders.join(base, "close")) {
            try (WsClient offender = WsClient.join(base, bystanders.room(), "offender")) {
                offence.accept(offender);
                assertEquals(code, offender.awaitClose());
            }
            bystanders.assertUndisturbed("offender");
        }
    }
}
