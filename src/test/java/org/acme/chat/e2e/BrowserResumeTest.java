package org.acme.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.acme.chat.support.Prometheus.value;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.acme.chat.support.ChatPage;
import org.acme.chat.support.Chromium;
import org.acme.chat.support.CuttableProxy;
import org.acme.chat.support.Frames;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * The page's network drops while the room goes on talking; when it is back, the page reconnects by itself, rejoins
 * its room with {@code since} (the newest message it shows) and shows what it missed, once each and in order, with no
 * "missing" notice. And since a reconnected tab is the same person (same name, same client key), it is back at once
 * even while the server still holds its dropped connection: the room sees neither a leave nor a join.
 */
@QuarkusTest
class BrowserResumeTest {

    /**
     * Room for the test profile's heartbeat (1 s interval, 3 s timeout: a dead connection is reaped within about
     * 6 s) and for the page's retry after it (its backoff doubles from 0.5 s up to 10 s).
     */
    private static final Duration REAP = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI base;

    @Test
    void afterANetworkDropThePageResumesWithSinceAndShowsWhatItMissed() {
        String room = uniqueRoom("resume");
        try (Chromium chromium = Chromium.launch();
                CuttableProxy network = CuttableProxy.to(base);
                WsClient alice = WsClient.join(base, room, "alice");
                ChatPage bob = chromium.newPerson().join(network.base(), room, "Bob").awaitConnected()) {
            alice.next("join");
            alice.send(Frames.message("before the drop"));
            String lastSeen = alice.next("message").getString("id");
            assertThat(bob.messageTexts()).hasText(new String[] { "before the drop" });

            network.cut();
            assertThat(bob.state()).hasAttribute("data-state", "reconnecting");
            alice.next("leave"); // the server saw the drop: bob is out of the room
            alice.send(Frames.message("missed 1"));
            alice.send(Frames.message("missed 2"));
            alice.next("message");
            alice.next("message");
            network.restore();

            bob.awaitConnected();
            assertThat(bob.messageTexts()).hasText(new String[] { "before the drop", "missed 1", "missed 2" });
            List<JsonObject> joins = bob.sentFrames().stream().map(JsonObject::new)
                    .filter(frame -> "join".equals(frame.getString("type"))).toList();
            assertEquals(room, joins.get(joins.size() - 1).getString("room"), joins::toString);
            assertEquals(lastSeen, joins.get(joins.size() - 1).getString("since"), joins::toString);
            assertThat(bob.events().filter(new Locator.FilterOptions().setHasText("missing"))).hasCount(0);
            alice.send(Frames.message("live again"));
            assertThat(bob.messageTexts()).hasText(
                    new String[] { "before the drop", "missed 1", "missed 2", "live again" });
        }
    }

    @Test
    void whileTheServerStillHoldsTheDroppedConnectionThePageIsBackAtOnceAsTheSamePerson() {
        String room = uniqueRoom("resume-held");
        try (Chromium chromium = Chromium.launch();
                CuttableProxy network = CuttableProxy.to(base);
                WsClient alice = WsClient.join(base, room, "alice");
                ChatPage bob = chromium.newPerson().join(network.base(), room, "Bob").awaitConnected()) {
            alice.next("join");
            int attempts = bob.webSocketUrls().size();
            double reaped = value("chat_connections_reaped_total");

            network.vanish(); // the page sees its socket drop; the server holds Bob's session until its heartbeat reaps it
            bob.awaitWebSockets(attempts + 1);
            bob.awaitConnected();
            assertEquals(attempts + 1, bob.webSocketUrls().size(), () -> "back on the first try: " + bob.webSocketUrls());
            alice.send(Frames.message("welcome back"));
            assertThat(bob.messageTexts()).hasText(new String[] { "welcome back" });

            await().atMost(REAP).until(() -> value("chat_connections_reaped_total") > reaped);
            alice.next("message");
            alice.assertNothingPending(); // neither the new session's arrival nor the old one's reap was a join or leave
            assertThat(bob.members()).hasText(new String[] { "alice", "Bob" });
            alice.send(Frames.message("still here"));
            assertThat(bob.messageTexts()).hasText(new String[] { "welcome back", "still here" });
        }
    }
}
