package org.acme.chat.lifecycle;

import static org.acme.chat.support.Names.chatPath;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.acme.chat.support.PackagedApp;
import org.acme.chat.support.RawClient;
import org.acme.chat.support.WsClient;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to the packaged app: readiness goes DOWN and new upgrades get 503 first, then every connection gets close
 * 1001, and the process waits for the close handshakes but no longer than the drain timeout.
 */
class GracefulShutdownIT {

    private static final Logger LOG = Logger.getLogger(GracefulShutdownIT.class);
    /** {@code chat.shutdown.drain-timeout} in the test profile. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration EXIT_BOUND = Duration.ofSeconds(20);

    @Test
    void readinessGoesDownBeforeEveryConnectionIsClosedWith1001() throws Exception {
        // The delay must outlast the checks made while readiness is DOWN and connections are still open.
        try (PackagedApp app = PackagedApp.start("shutdown-it", Map.of("chat.shutdown.delay", "5s"))) {
            try (WsClient alice = WsClient.join(app.base(), "drain", "alice");
                    WsClient bob = WsClient.join(app.base(), "drain", "bob");
                    WsClient echo = WsClient.connect(app.base(), "/echo")) {
                alice.next("join");

                app.terminate();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                        .until(() -> app.readinessStatus() == 503);
                assertFalse(alice.isClosed() || bob.isClosed() || echo.isClosed(),
                        () -> "readiness must report DOWN before any close frame goes out: alice " + alice.state()
                                + ", bob " + bob.state() + ", echo " + echo.state());
                HttpResponse<String> readiness = app.readiness();
                JsonObject chatCheck = new JsonObject(readiness.body()).getJsonArray("checks").stream()
                        .map(JsonObject.class::cast).filter(c -> c.getString("name").equals("chat"))
                        .findFirst().orElseThrow();
                assertEquals("DOWN", chatCheck.getString("status"));
                assertEquals(false, chatCheck.getJsonObject("data").getBoolean("accepting"));
                assertEquals(503, WsClient.rejectedStatus(app.base(), chatPath("drain", "carol")),
                        "new upgrades are refused while draining");

                for (WsClient client : new WsClient[] { alice, bob, echo }) {
                    assertEquals(1001, client.awaitClose());
                    assertEquals("server shutting down", client.closeReason());
                }
            }
            Duration exit = app.awaitExit(EXIT_BOUND);
            LOG.infof("exited %d ms after the last client closed", exit.toMillis());
            app.assertNoErrorsLogged();
        }
    }

    @Test
    void unresponsivePeerHoldsShutdownNoLongerThanTheDrainTimeout() throws Exception {
        try (PackagedApp app = PackagedApp.start("drain-timeout-it",
                // The silent peer never answers pings either: it must still be open when SIGTERM comes.
                Map.of("chat.heartbeat.enabled", "false"));
                RawClient silent = RawClient.connect(app.base(), chatPath("stuck", "silent"));
                WsClient polite = WsClient.join(app.base(), "stuck", "polite")) {
            long signalled = System.nanoTime();
            app.terminate();
            assertEquals(1001, polite.awaitClose());
            app.awaitExit(EXIT_BOUND);
            Duration sinceSignal = Duration.ofNanos(System.nanoTime() - signalled);
            LOG.infof("exited %d ms after SIGTERM with a peer that never answers the close (drain timeout %d ms)",
                    sinceSignal.toMillis(), DRAIN_TIMEOUT.toMillis());
            assertTrue(sinceSignal.compareTo(DRAIN_TIMEOUT) >= 0,
                    () -> "exited after " + sinceSignal + ", without waiting for the open close handshake");
            app.assertNoErrorsLogged();
        }
    }
}
