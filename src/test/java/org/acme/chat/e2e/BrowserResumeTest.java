package org.acme.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.acme.chat.support.Frames.memberName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
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
 * The page's network drops while the room goes on talking; when it is back, the page reconnects by itself with
 * {@code since} and shows what it missed, once each and in order, with no "missing" notice.
 */
@QuarkusTest
class BrowserResumeTest {

    /**
     * Room for the test profile's heartbeat (1 s interval, 3 s timeout: a dead connection is reaped within about
     * 6 s) and for the page's retry after it (its backoff doubles from 0.5 s up to 10 s).
     */
    private static final Duration REAP_AND_RETRY = Duration.ofSeconds(20);

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
            List<String> urls = bob.webSocketUrls();
            assertTrue(urls.get(urls.size() - 1).endsWith("&since=" + lastSeen), urls::toString);
            assertThat(bob.events().filter(new Locator.FilterOptions().setHasText("missing"))).hasCount(0);
            alice.send(Frames.message("live again"));
            assertThat(bob.messageTexts()).hasText(
                    new String[] { "before the drop", "missed 1", "missed 2", "live again" });
        }
    }

    @Test
    void whenTheServerStillHoldsTheDroppedConnectionThePageWaitsForItsNameInsteadOfGivingUp() {
        String room = uniqueRoom("resume-held");
        try (Chromium chromium = Chromium.launch();
                CuttableProxy network = CuttableProxy.to(base);
                WsClient alice = WsClient.join(base, room, "alice");
                ChatPage bob = chromium.newPerson().join(network.base(), room, "Bob").awaitConnected()) {
            alice.next("join");
            int attempts = bob.webSocketUrls().size();

            network.vanish(); // the page sees its socket drop; the server holds Bob's seat until its heartbeat reaps it
            // The reap takes up to two intervals and the timeout; the page's next try after it, up to its backoff.
            assertEquals("Bob", memberName(alice.next("leave", REAP_AND_RETRY)), "reaped by the heartbeat");
            assertEquals("Bob", memberName(alice.next("join", REAP_AND_RETRY)), "and back by himself");

            bob.awaitConnected();
            assertThat(bob.joinForm()).isHidden();
            assertTrue(bob.webSocketUrls().size() > attempts + 1,
                    () -> "a rejoin refused while the name was still held, then one that worked: " + bob.webSocketUrls());
            alice.send(Frames.message("welcome back"));
            assertThat(bob.messageTexts()).hasText(new String[] { "welcome back" });
        }
    }
}
