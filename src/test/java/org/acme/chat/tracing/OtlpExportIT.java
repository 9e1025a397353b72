package org.acme.chat.tracing;

import static org.acme.chat.support.Names.chatPath;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.acme.chat.support.Frames;
import org.acme.chat.support.PackagedApp;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * The packaged app sends its spans to the OTLP endpoint it is given (here a stand-in collector for OTLP over HTTP in
 * this test), with no other setting: a join and a message arrive as {@code chat.join} and {@code chat.post}, and
 * what arrives names no room, user or text. Only traces are sent: no metrics, no log records. Without an endpoint (every other test) nothing is sent.
 */
class OtlpExportIT {

    private static final String ROOM = "exported-room-5k";
    private static final String USER = "zelda-5k";
    private static final String TEXT = "private words 5k";

    @Test
    void spansReachTheConfiguredCollectorWithoutNames() throws Exception {
        ConcurrentLinkedQueue<String> exports = new ConcurrentLinkedQueue<>();
        Set<String> paths = ConcurrentHashMap.newKeySet();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            try (InputStream body = exchange.getRequestBody()) {
                // Protobuf keeps strings as UTF-8 bytes: names and attribute values can be searched as text.
                exports.add(new String(body.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try (PackagedApp app = PackagedApp.start("otlp-export-it", Map.of(
                "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:" + collector.getAddress().getPort(),
                "quarkus.otel.exporter.otlp.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "100ms",
                // Were metrics or log records exported too, they would arrive within the wait below.
                "quarkus.otel.metric.export.interval", "100ms",
                "quarkus.otel.blrp.schedule.delay", "100ms"))) {
            try (WsClient alice = WsClient.connect(app.base(), chatPath(ROOM, USER))) {
                alice.next("welcome");
                alice.send(Frames.message(TEXT));
                alice.next("message");
            }
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> String.join("", exports).contains("chat.join")
                            && String.join("", exports).contains("chat.post"));
            app.assertNoErrorsLogged();
        } finally {
            collector.stop(0);
        }
        assertEquals(Set.of("/v1/traces"), paths, "only traces are exported (metrics: Prometheus; logs: stdout)");
        String exported = String.join("", exports);
        for (String secret : new String[] { ROOM, USER, TEXT }) {
            assertFalse(exported.contains(secret), () -> "exported spans hold '" + secret + "'");
        }
    }
}
