package org.acme.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.acme.chat.support.Names.uniqueRoom;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.chat.support.ChatPage;
import org.junit.jupiter.api.Test;

/**
 * Reactions: every message offers a small palette of emoji buttons; a press toggles one's own reaction (aria-pressed)
 * and everyone sees the count; a newcomer sees the counts from the room's history.
 */
@QuarkusTest
class BrowserReactionsTest extends BrowserTest {

    private static final String THUMBS_UP = "👍";
    private static final String PARTY = "🎉";

    @Test
    void reactionsToggleWithCountsAndShowWhoseAreOwn() {
        String room = uniqueRoom("react");
        String text = "lunch at noon?";
        try (ChatPage alice = chromium.newPerson().join(base, room, "Alice").awaitConnected();
                ChatPage bob = chromium.newPerson().join(base, room, "Bob").awaitConnected()) {
            alice.say(text);
            assertThat(bob.message(text)).isVisible();

            bob.reaction(text, THUMBS_UP).click();
            assertThat(alice.reaction(text, THUMBS_UP).locator(".count")).hasText("1");
            assertThat(alice.reaction(text, THUMBS_UP)).hasAttribute("aria-pressed", "false");
            assertThat(bob.reaction(text, THUMBS_UP)).hasAttribute("aria-pressed", "true");

            alice.reaction(text, THUMBS_UP).click();
            alice.reaction(text, PARTY).click();
            for (ChatPage page : new ChatPage[] { alice, bob }) {
                assertThat(page.reaction(text, THUMBS_UP).locator(".count")).hasText("2");
                assertThat(page.reaction(text, PARTY).locator(".count")).hasText("1");
            }
            assertThat(alice.reaction(text, THUMBS_UP)).hasAttribute("aria-pressed", "true");

            bob.reaction(text, THUMBS_UP).click(); // taken back
            for (ChatPage page : new ChatPage[] { alice, bob }) {
                assertThat(page.reaction(text, THUMBS_UP).locator(".count")).hasText("1");
            }
            assertThat(bob.reaction(text, THUMBS_UP)).hasAttribute("aria-pressed", "false");

            try (ChatPage carol = chromium.newPerson().join(base, room, "Carol").awaitConnected()) {
                assertThat(carol.reaction(text, THUMBS_UP).locator(".count")).hasText("1");
                assertThat(carol.reaction(text, PARTY).locator(".count")).hasText("1");
                assertThat(carol.reaction(text, THUMBS_UP)).hasAttribute("aria-pressed", "false");
            }
        }
    }
}
