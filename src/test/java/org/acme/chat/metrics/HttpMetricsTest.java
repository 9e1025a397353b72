package org.acme.chat.metrics;

import static org.acme.chat.support.Names.chatPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acme.chat.support.Prometheus;
import org.acme.chat.support.RawClient;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * HTTP server metrics tag every room path as {@code /chat/{room}}: refused upgrades with many distinct room names
 * leave no room name in the metrics, and do not use up Micrometer's 100 URI tag values (after which it would stop
 * recording HTTP metrics).
 */
@QuarkusTest
class HttpMetricsTest {

    private static final int ROOMS = 120;
    private static final String LOOPBACK = "127.0.0.1";

    @TestHTTPResource("/")
    URI base;

    @Test
    void refusedUpgradesWithManyRoomNamesShareOneUriTag() {
        double before = roomRequests(Prometheus.scrape(), "400");
        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < ROOMS; i++) {
            String room = "m" + UUID.randomUUID().toString().replace("-", "");
            rooms.add(room);
            // No name: 400 before the upgrade.
            assertEquals(400, RawClient.upgradeStatus(base, "/chat/" + room, "", LOOPBACK));
        }
        String taken = rooms.get(0);
        try (WsClient alice = WsClient.connect(base, chatPath(taken, "alice"))) {
            alice.next("welcome");
            assertEquals(409, RawClient.upgradeStatus(base, chatPath(taken, "alice"), "", LOOPBACK));
            assertEquals(403, RawClient.upgradeStatus(base, chatPath(rooms.get(1), "bob"),
                    "Origin: https://elsewhere.example\r\n", LOOPBACK));
        }

        String scrape = Prometheus.scrape();
        for (String room : rooms) {
            assertTrue(!scrape.contains(room), () -> "room name " + room + " in the metrics: " + uriLines(scrape));
        }
        assertTrue(roomRequests(scrape, "400") >= before + ROOMS,
                () -> "400s not recorded (" + before + " before): " + uriLines(scrape));
        assertTrue(roomRequests(scrape, "409") >= 1, () -> "409 not recorded: " + uriLines(scrape));
        assertTrue(roomRequests(scrape, "403") >= 1, () -> "403 not recorded: " + uriLines(scrape));
    }

    /** The count of requests to room paths answered with {@code status}; 0 if there is no such series yet. */
    private static double roomRequests(String scrape, String status) {
        Matcher m = Pattern.compile("(?m)^http_server_requests_seconds_count\\{(.*)\\} (\\S+)$").matcher(scrape);
        double total = 0;
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("uri=\"/chat/{room}\"") && labels.contains("status=\"" + status + "\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    private static String uriLines(String scrape) {
        return scrape.lines().filter(line -> line.startsWith("http_server_requests_seconds_count")).limit(20).toList()
                .toString();
    }
}
