package org.acme.chat.limits;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every TCP connection counts against {@code quarkus.http.limits.max-connections} (6 here): beyond it a connection
 * is closed at once, unanswered, whatever it is for; once one closes, the next is served.
 */
@QuarkusTest
@TestProfile(ConnectionCapTest.SixConnections.class)
class ConnectionCapTest {

    private static final int CAP = 6;
    private static final String REQUEST = "GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n";

    public static class SixConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.limits.max-connections", Integer.toString(CAP),
                    "chat.limits.max-connections", Integer.toString(CAP - 1));
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void connectionsBeyondTheCapAreClosedUnansweredAndTheNextIsServedOnceOneCloses() throws IOException {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < CAP; i++) {
                Socket socket = new Socket(base.getHost(), base.getPort());
                held.add(socket);
                // Answered, and kept alive: the server has counted it.
                assertTrue(exchange(socket).startsWith("HTTP/1.1 200"));
            }

            try (Socket over = new Socket(base.getHost(), base.getPort())) {
                assertEquals("", exchange(over), "closed without an answer");
            }

            held.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (Socket next = new Socket(base.getHost(), base.getPort())) {
                    return exchange(next).startsWith("HTTP/1.1 200");
                }
            });
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /** Sends a request and returns the response head, or "" when the server closes without answering. */
    private static String exchange(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        try {
            socket.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        } catch (IOException closedAlready) {
            return "";
        }
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.toString().endsWith("\r\n\r\n")) {
                skipBody(in, head.toString());
                return head.toString();
            }
        }
        return head.toString();
    }

    private static void skipBody(InputStream in, String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                try {
                    in.readNBytes(Integer.parseInt(line.substring(15).trim()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
