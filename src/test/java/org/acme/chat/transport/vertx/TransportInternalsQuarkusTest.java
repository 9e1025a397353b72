package org.acme.chat.transport.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * The internals only a live connection can show (Vert.x's pipeline, where frame validation goes) are in place once a
 * connection has been upgraded; readiness reports the transport as direct, which the ITs check on the packaged app.
 */
@QuarkusTest
class TransportInternalsQuarkusTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void afterAnUpgradeThePipelineCheckHasPassedToo() {
        try (WsClient client = WsClient.connect(base, "/echo")) {
            client.send("hello");
            assertEquals("hello", client.nextText());
        }

        for (String live : List.of("Vert.x pipeline handler", "Netty WebSocket frame encoder")) {
            assertTrue(TransportInternals.report().stream()
                    .anyMatch(check -> check.internal().startsWith(live) && check.ok()),
                    () -> live + " not checked, or not found: " + TransportInternals.report());
        }
        assertTrue(TransportInternals.allInPlace(), TransportInternals.report()::toString);
    }
}
