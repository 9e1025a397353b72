package org.acme.chat.metrics;

import static org.acme.chat.support.Names.uniqueRoom;
import static org.acme.chat.support.Prometheus.value;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/** {@code chat_history_bytes} counts what the memory broker's history holds (against {@code chat.history.max-bytes}). */
@QuarkusTest
class HistoryBytesGaugeTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aStoredMessageAddsToTheHistoryBytes() {
        double before = value("chat_history_bytes");
        String text = "x".repeat(100);
        try (WsClient alice = WsClient.join(base, uniqueRoom("history-bytes"), "alice")) {
            alice.send(new JsonObject().put("type", "message").put("text", text));
            alice.next("message");
        }
        double after = value("chat_history_bytes");
        assertTrue(after >= before + 2 * text.length(), () -> "from " + before + " to " + after);
    }
}
