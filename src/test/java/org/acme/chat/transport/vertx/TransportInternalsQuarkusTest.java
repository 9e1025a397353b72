package org.acme.chat.transport.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
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

        assertTrue(TransportInternals.report().stream()
                .anyMatch(check -> check.internal().startsWith("Vert.x pipeline handler") && check.ok()),
                TransportInternals.report()::toString);
        assertTrue(TransportInternals.allInPlace(), TransportInternals.report()::toString);
    }
}
