package org.acme.chat.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Drops the {@code server.port} tag from Quarkus's HTTP server metrics. There are two HTTP servers, the chat's and
 * the management interface ({@code /q/health}, {@code /q/metrics}), and Quarkus tags a server's meters with its port
 * only when the port is fixed; when one is random and the other is not (a test's random HTTP port, say), the same
 * meter gets two sets of tag keys, which Prometheus refuses (a WARN and a stack trace at start-up, the second server's
 * meters lost). Without the tag both servers always count into the same meters.
 */
@Singleton
public class HttpServerTags {

    @Produces
    @Singleton
    MeterFilter withoutServerPort() {
        return MeterFilter.ignoreTags("server.port");
    }
}
