package org.acme.chat.websocket;

import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.acme.chat.support.Bystanders;
import org.acme.chat.support.Frames;
import org.acme.chat.support.RawClient;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * Frames and upgrades no honest client sends. Each gets its documented answer, and members of the same room and of
 * another room notice nothing: their messages keep flowing, none lost. A flood of chat messages is
 * {@code session.FloodControlTest}'s (the frame budget is session logic); a flood of WebSocket pings stays here, since
 * it reaches the session through the endpoint's ping callback.
 */
@QuarkusTest
class HostileInputTest {

    /** The most frames a flood test sends before it expects the server to have closed. */
    private static final int FLOOD_CAP = 2_000;

    @TestHTTPResource("/")
    URI base;

    @Test
    void invalidUtf8ClosesWith1007() {
        Bystanders.around(base, "utf8", room -> {
            try (RawClient raw = RawClient.connect(base, chatPath(room, "mangler"))) {
                raw.send(RawClient.TEXT, new byte[] { '{', '"', (byte) 0xc3, (byte) 0x28, '"', '}' }, true);
                assertEquals(1007, raw.awaitCloseCode());
            }
        });
    }

    @Test
    void pingFloodClosesWith1008() {
        Bystanders.around(base, "pings", room -> {
            try (RawClient raw = RawClient.connect(base, chatPath(room, "pinger"))) {
                try {
                    for (int i = 0; i < FLOOD_CAP; i++) {
                        raw.send(RawClient.PING, new byte[] { 1 }, true);
                    }
                } catch (UncheckedIOException closedWhileFlooding) {
                    // the server may drop the socket before the flood is over; the close frame is still there
                }
                assertEquals(1008, raw.awaitCloseCode());
            }
        });
    }

    @Test
    void hostileJsonGetsErrorsAndTheConnectionStaysUsable() {
        Bystanders.around(base, "json", room -> {
            try (WsClient client = WsClient.join(base, room, "jsonist")) {
                List<String> frames = new ArrayList<>();
                frames.add("[".repeat(3000) + "]".repeat(3000));
                frames.add("{\"type\":\"message\",\"text\":\"a\",\"x\":" + "[1,".repeat(1000) + "1" + "]".repeat(1000) + "}");
                frames.add("{\"type\":\"message\",\"text\":\"a\",\"bomb\":[" + "\"xxxxxxxxxx\",".repeat(600) + "1]}");
                frames.add("{\"type\":\"message\",\"text\":\"lone \\ud83d surrogate\"}");
                frames.add("{\"type\":\"message\",\"text\":\"nul \\u0000 byte\"}");
                frames.add("{\"type\":\"message\",\"text\":\"a\",\"ref\":\"" + "r".repeat(5000) + "\"}");
                frames.add("{\"type\":{\"nested\":true}}");
                frames.add("1e999999");
                for (String frame : frames) {
                    client.send(frame);
                }
                List<String> answers = new ArrayList<>();
                while (answers.size() < frames.size()) {
                    JsonObject frame = client.next();
                    if (frame.getString("type").equals("error")) {
                        answers.add(frame.getString("code"));
                    } else if (frame.getString("type").equals("message")
                            && frame.getJsonObject("from").getString("name").equals("jsonist")) {
                        answers.add("message-from-jsonist");
                    } // the bystanders' traffic may interleave
                }
                // The bomb is within the frame limit and its extra field is ignored: it is a valid message.
                assertEquals(List.of("invalid_json", "invalid_json", "message-from-jsonist", "invalid_text",
                        "invalid_text", "ref_too_long", "invalid_message", "invalid_message"), answers);
                client.assertNothingPending();
            }
        });
    }

    @Test
    void foreignOriginIsRefusedWith403() {
        Bystanders.around(base, "origin", room -> {
            String path = chatPath(room, "visitor");
            assertEquals(403, RawClient.upgradeStatus(base, path, "Origin: https://evil.example\r\n", "127.0.0.1"));
            assertEquals(403, RawClient.upgradeStatus(base, "/echo", "Origin: null\r\n", "127.0.0.1"));
            String sameOrigin = "Origin: http://" + base.getHost() + ":" + base.getPort() + "\r\n";
            assertEquals(101, RawClient.upgradeStatus(base, "/echo", sameOrigin, "127.0.0.1"));
            assertEquals(101, RawClient.upgradeStatus(base, "/echo", "", "127.0.0.1"), "no Origin: not a browser");
        });
    }

    @Test
    void tooManyConnectionsFromOneAddressAre429() {
        Bystanders.around(base, "per-ip", room -> {
            String crowd = uniqueRoom("per-ip-crowd");
            List<WsClient> held = new ArrayList<>();
            try {
                // chat.limits.max-connections-per-ip is 20 in the test profile; 127.0.0.3 is used by no other test.
                // (Clients that answer the heartbeat's pings: the test must not depend on how fast it runs.)
                for (int i = 0; i < 20; i++) {
                    held.add(WsClient.joinFrom(base, crowd, "ip" + i, "127.0.0.3"));
                }
                String refused = RawClient.upgradeHead(base, chatPath(room, "one-too-many"), "", "127.0.0.3");
                assertTrue(refused.startsWith("HTTP/1.1 429"), refused);
                assertTrue(refused.toLowerCase().contains("\r\nretry-after: 5\r\n"), refused);
                assertEquals(101, RawClient.upgradeStatus(base, "/echo", "", "127.0.0.4"), "other addresses are fine");
            } finally {
                held.forEach(WsClient::close);
            }
        });
    }

    @Test
    void overLongUrisAreRefusedBeforeTheUpgrade() {
        Bystanders.around(base, "uris", room -> {
            assertEquals(414, RawClient.upgradeStatus(base, chatPath(room, "x".repeat(10_000)), "", "127.0.0.1"));
            assertEquals(400, RawClient.upgradeStatus(base, "/chat/" + "r".repeat(65) + "?name=a", "", "127.0.0.1"));
            assertEquals(400, RawClient.upgradeStatus(base, chatPath(room, "bad<name>"), "", "127.0.0.1"));
            assertEquals(431, RawClient.upgradeStatus(base, "/echo", "X-Junk: " + "j".repeat(40_000) + "\r\n",
                    "127.0.0.1"));
        });
    }

    @Test
    void compressionIsNotNegotiated() {
        try (RawClient raw = RawClient.connect(base, "/echo",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n", 0)) {
            assertTrue(!raw.responseHead().toLowerCase().contains("permessage-deflate"), raw.responseHead());
        }
    }
}
