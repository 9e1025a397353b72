package org.acme.chat.limits;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.acme.chat.support.Frames;
import org.acme.chat.support.Names;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * Idle and half-sent HTTP requests are dropped after {@code quarkus.http.idle-timeout} (1 s here, 30 s by default),
 * while an upgraded WebSocket is exempt: even with the heartbeat off, a silent member stays.
 */
@QuarkusTest
@TestProfile(IdleConnectionsTest.ShortIdleTimeout.class)
class IdleConnectionsTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "1s", "chat.heartbeat.enabled", "false");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void aConnectionThatSendsNothingIsClosed() throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            assertEquals("", readUntilClosed(socket));
        }
    }

    @Test
    void aConnectionThatSendsHalfARequestLineIsClosed() throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write("GET /index.html HT".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertEquals("", readUntilClosed(socket));
        }
    }

    @Test
    void aSilentWebSocketOutlivesTheIdleTimeout() {
        try (WsClient quiet = WsClient.join(base, Names.uniqueRoom("idle"), "quiet")) {
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> !quiet.isClosed());

            quiet.send(Frames.message("still here"));
            assertEquals("still here", quiet.next("message").getString("text"));
            assertFalse(quiet.isClosed());
        }
    }

    /** What the server sent before it closed the connection; fails if it is still open after 10 s. */
    private static String readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept an idle connection open for 10 s", e);
        }
    }
}
