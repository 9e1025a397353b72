package org.acme.chat.metrics;

import static org.acme.chat.support.Names.uniqueRoom;
import static org.acme.chat.support.Prometheus.scrape;
import static org.acme.chat.support.Prometheus.value;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus lines exist and move with real traffic; no room or user name ever appears in them. Timers and the send
 * queue are histograms with the documented buckets, so Prometheus can aggregate them across pods.
 */
@QuarkusTest
class MetricsTest {

    /** The latency buckets of every chat timer, in seconds (docs/observability.md). */
    private static final List<String> LATENCY_BUCKETS = List.of("1.0E-4", "2.5E-4", "5.0E-4", "0.001", "0.0025",
            "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "+Inf");
    private static final List<String> QUEUE_BUCKETS = List.of("1024.0", "16384.0", "65536.0", "262144.0",
            "1048576.0", "4194304.0", "1.6777216E7", "+Inf");

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

    @Test
    void timersPublishTheirHistogramBucketsSoQuantilesAggregateAcrossPods() {
        double below = value("chat_broadcast_duration_seconds_bucket{le=\"2.5\"}");
        double all = value("chat_broadcast_duration_seconds_bucket{le=\"+Inf\"}");
        try (WsClient alice = WsClient.join(base, uniqueRoom("buckets"), "buckets-alice")) {
            alice.send(new JsonObject().put("type", "message").put("text", "timed"));
            alice.next("message");
        }
        String scrape = scrape();
        for (String timer : List.of("chat_broadcast_duration_seconds", "chat_broker_publish_duration_seconds")) {
            assertTrue(scrape.contains("# TYPE " + timer + " histogram"), timer + " is a histogram");
            assertEquals(LATENCY_BUCKETS, buckets(scrape, timer), timer + "'s buckets");
            value(scrape, timer + "_count");
            value(scrape, timer + "_sum");
        }
        assertEquals(below + 1, value(scrape, "chat_broadcast_duration_seconds_bucket{le=\"2.5\"}"));
        assertEquals(all + 1, value(scrape, "chat_broadcast_duration_seconds_bucket{le=\"+Inf\"}"));
    }

    @Test
    void everyOpenConnectionsSendQueueIsSampledOnTheHeartbeatTick() {
        double samples = value("chat_send_queue_bytes_count");
        double caughtUp = value("chat_send_queue_bytes_bucket{le=\"1024.0\"}");
        try (WsClient alice = WsClient.join(base, uniqueRoom("queue"), "queue-alice")) {
            // %test.chat.heartbeat.interval is 1s
            await().atMost(Duration.ofSeconds(10)).until(() -> value("chat_send_queue_bytes_count") > samples);
            String scrape = scrape();
            assertTrue(scrape.contains("# TYPE chat_send_queue_bytes histogram"));
            assertEquals(QUEUE_BUCKETS, buckets(scrape, "chat_send_queue_bytes"));
            assertTrue(value(scrape, "chat_send_queue_bytes_bucket{le=\"1024.0\"}") > caughtUp,
                    "a client that reads has (almost) nothing queued");
        }
    }

    @Test
    void refusedUpgradesAreCountedByCodeAndFrameRefusalsAreNot() {
        String series = "chat_upgrades_rejected_total{code=\"invalid_join\"}";
        double rejected = value(series);
        double errors = value("chat_errors_total{code=\"invalid_join\"}");

        assertEquals(400, WsClient.rejectedStatus(base, "/chat/" + "r".repeat(65) + "?name=alice"));

        String scrape = scrape();
        assertEquals(rejected + 1, value(scrape, series));
        assertEquals(errors + 1, value(scrape, "chat_errors_total{code=\"invalid_join\"}"));
        assertEquals(0, value(scrape, "chat_upgrades_rejected_total{code=\"server_full\"}"),
                "every code an upgrade can be refused with exists from start-up");
        assertFalse(scrape.contains("chat_upgrades_rejected_total{code=\"invalid_json\"}"),
                "a refused frame is no refused upgrade");
    }

    @Test
    void joinsAndLeavesAreCountedOncePerNotice() {
        String joins = "chat_presence_notices_total{delivery=\"immediate\",type=\"join\"}";
        String leaves = "chat_presence_notices_total{delivery=\"immediate\",type=\"leave\"}";
        double joined = value(joins);
        double left = value(leaves);
        String room = uniqueRoom("presence");
        try (WsClient alice = WsClient.join(base, room, "presence-alice")) {
            try (WsClient bob = WsClient.join(base, room, "presence-bob")) {
                alice.next("join");
            }
            alice.next("leave");
            assertEquals(joined + 2, value(joins), "alice's join and bob's, each once");
            assertTrue(value(leaves) >= left + 1, "bob's leave");
        }
        value("chat_presence_notices_total{delivery=\"coalesced\",type=\"join\"}");
        value("chat_presence_notices_netted_total");
    }

    @Test
    void residentMemoryAndBrokerAvailabilityArePublished() {
        String scrape = scrape();
        assertTrue(value(scrape, "process_resident_memory_bytes") > 16 * 1024 * 1024, "a process's resident set");
        assertEquals(1, value(scrape, "chat_broker_available"), "the memory broker is always available");
    }

    /** The {@code le} values of a histogram's buckets, in order, +Inf last. */
    private static List<String> buckets(String scrape, String histogram) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(histogram) + "_bucket\\{le=\"([^\"]+)\"}").matcher(scrape);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
