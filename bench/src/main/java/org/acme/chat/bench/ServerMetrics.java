package org.acme.chat.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What the server under test says about itself on its Prometheus endpoint ({@code /q/metrics} on its management port,
 * {@code --management-port}, 9000 by default), read at the start and the end of a step:
 * {@code chat_heap_allocated_bytes_total}, the bytes its threads have allocated on the heap. Its increase over a step,
 * divided by the copies delivered, is the allocation per delivered copy. A server without that metric (the Node peer)
 * reads as NaN.
 */
final class ServerMetrics {

    static final String ALLOCATED = "chat_heap_allocated_bytes_total";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final URI metrics;

    /** Reads the metrics of {@code target} on its management interface, at {@code managementPort}. */
    ServerMetrics(Target target, int managementPort) {
        this.metrics = URI.create("http://" + target.host() + ":" + managementPort + "/q/metrics");
    }

    /** The server's heap allocation so far, in bytes, or NaN where it does not publish it. */
    double allocatedBytes() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(metrics)
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? value(response.body(), ALLOCATED) : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** The value of the untagged sample {@code name} in a Prometheus text exposition, or NaN. */
    static double value(String exposition, String name) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + " ")) {
                try {
                    return Double.parseDouble(line.substring(name.length() + 1).strip());
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
        return Double.NaN;
    }
}
