package org.acme.chat.metrics;

import static org.acme.chat.support.Names.uniqueRoom;
import static org.acme.chat.support.Prometheus.scrape;
import static org.acme.chat.support.Prometheus.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/** The Prometheus lines exist and move with real traffic; no room or user name ever appears in them. */
@QuarkusTest
class MetricsTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void countersAndGaugesFollowRealTraffic() {
        String room = uniqueRoom("metrics");
        double received = value("chat_messages_received_total");
        double delivered = value("chat_messages_delivered_total");
        double invalidJson = value("chat_errors_total{code=\"invalid_json\"}");
        double broadcasts = value("chat_broadcast_duration_seconds_count");

        try (WsClient alice = WsClient.join(base, room, "metrics-alice");
                WsClient bob = WsClient.join(base, room, "metrics-bob")) {
            alice.next("join");
            double connections = value("chat_connections_active");
            double rooms = value("chat_rooms_active");
            assertTrue(connections >= 2, "two open connections at least, got " + connections);
            assertTrue(rooms >= 1, "one room at least, got " + rooms);

            alice.send(new JsonObject().put("type", "message").put("text", "counted"));
            alice.next("message");
            bob.next("message");
            alice.send("{broken");
            alice.next("error");

            String scrape = scrape();
            assertEquals(received + 1, value(scrape, "chat_messages_received_total"));
            assertEquals(delivered + 2, value(scrape, "chat_messages_delivered_total"));
            assertEquals(invalidJson + 1, value(scrape, "chat_errors_total{code=\"invalid_json\"}"));
            assertEquals(broadcasts + 1, value(scrape, "chat_broadcast_duration_seconds_count"));
            assertFalse(scrape.contains(room), "a room name leaked into a metric");
            assertFalse(scrape.contains("metrics-alice"), "a user name leaked into a metric");
            assertTrue(scrape.contains("quarkus_websockets_server"),
                    "WebSockets Next's own metrics are enabled");
        }
    }
}
