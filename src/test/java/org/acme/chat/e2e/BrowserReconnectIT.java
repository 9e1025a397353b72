package org.acme.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import java.time.Duration;
import java.util.Map;
import org.acme.chat.support.ChatPage;
import org.acme.chat.support.Chromium;
import org.acme.chat.support.PackagedApp;
import org.junit.jupiter.api.Test;

/**
 * The page survives a server restart by itself: a graceful shutdown (SIGTERM, close 1001) shows "reconnecting", and
 * once a server answers on the same address again the page is back in its room, still showing what it had, with a
 * notice that messages may be missing (the new server's history does not reach the page's {@code since}).
 */
class BrowserReconnectIT {

    /** The page's backoff tops out at 10 s; a restart of the jar takes a few more. */
    private static final Duration RECONNECT_BOUND = Duration.ofSeconds(45);

    @Test
    void pageShowsReconnectingAndRecoversAfterAGracefulShutdown() throws Exception {
        int port = PackagedApp.freePort();
        try (Chromium chromium = Chromium.launch()) {
            ChatPage page;
            try (PackagedApp first = PackagedApp.start("reconnect-first", Map.of(), port)) {
                page = chromium.newPerson().join(first.base(), "comeback", "Dora").awaitConnected();
                page.say("before the restart");
                assertThat(page.messageTexts()).hasText(new String[] { "before the restart" });

                first.terminate();
                assertThat(page.state()).hasAttribute("data-state", "reconnecting");
                assertThat(page.state()).containsText("reconnecting");
                first.awaitExit(Duration.ofSeconds(20));
            }
            try (PackagedApp second = PackagedApp.start("reconnect-second", Map.of(), port)) {
                page.awaitConnected(RECONNECT_BOUND);
                assertThat(page.members()).hasText(new String[] { "Dora" });
                // The new server's room has no history reaching the page's newest message: it says so.
                assertThat(page.events().filter(new Locator.FilterOptions().setHasText("Some messages may be missing")))
                        .hasCount(1);
                page.say("after the restart");
                assertThat(page.messageTexts()).hasText(new String[] { "before the restart", "after the restart" });
                page.close();
            }
        }
    }
}
