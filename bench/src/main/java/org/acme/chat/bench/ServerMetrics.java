package org.acme.chat.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

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
        this(URI.create("http://" + target.host() + ":" + managementPort + "/q/metrics"));
    }

    ServerMetrics(URI metrics) {
        this.metrics = metrics;
    }

    /** The server's heap allocation so far, in bytes, or NaN where it does not publish it. */
    double allocatedBytes() {
        String exposition = scrape();
        return exposition == null ? Double.NaN : value(exposition, ALLOCATED);
    }

    /** The whole exposition, or null when the endpoint does not answer 200. */
    String scrape() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(metrics)
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The sum of every sample of {@code name} whose labels contain {@code labelPart} (e.g. area="heap"), or NaN. */
    static double sum(String exposition, String name, String labelPart) {
        double total = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labelPart)) {
                try {
                    total += Double.parseDouble(line.substring(line.lastIndexOf('}') + 1).strip());
                    found = true;
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
        return found ? total : Double.NaN;
    }

    /** Every sample of {@code name} by the value of its label {@code label}, e.g. chat_errors_total by code. */
    static Map<String, Double> byLabel(String exposition, String name, String label) {
        Map<String, Double> values = new TreeMap<>();
        String key = label + "=\"";
        for (String line : exposition.split("\n")) {
            int at = line.indexOf(key);
            if (line.startsWith(name + "{") && at > 0) {
                int end = line.indexOf('"', at + key.length());
                try {
                    double value = Double.parseDouble(line.substring(line.lastIndexOf('}') + 1).strip());
                    values.merge(line.substring(at + key.length(), end), value, Double::sum);
                } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                    // not a sample this reader understands: skip it
                }
            }
        }
        return values;
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
