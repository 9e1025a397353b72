package org.acme.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.acme.chat.support.Names.uniqueRoom;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.chat.support.ChatPage;
import org.junit.jupiter.api.Test;

/**
 * Read markers: a page marks the newest message of the room it shows as read, the others see "seen by" under it, and
 * the unread count of a room follows the person across their tabs (one tab reads, the other's count goes).
 */
@QuarkusTest
class BrowserReadMarkersTest extends BrowserTest {

    @Test
    void whatTheOtherPersonHasReadShowsAsSeenByUnderThatMessage() {
        String room = uniqueRoom("seen");
        try (ChatPage alice = chromium.newPerson().join(base, room, "Alice").awaitConnected();
                ChatPage bob = chromium.newPerson().join(base, room, "Bob").awaitConnected()) {
            alice.say("did you read the spec?");
            assertThat(bob.messageTexts()).hasText(new String[] { "did you read the spec?" });
            assertThat(alice.message("did you read the spec?").locator(".seen")).hasText("seen by Bob");

            bob.say("yes, twice");
            assertThat(alice.messageTexts()).hasText(new String[] { "did you read the spec?", "yes, twice" });
            // Bob's marker moved on to his own newest message: one "seen by" line, under the message he read last.
            assertThat(alice.seenBy()).hasText(new String[] { "seen by Bob" });
            assertThat(alice.message("yes, twice").locator(".seen")).hasText("seen by Bob");
            assertThat(bob.message("yes, twice").locator(".seen")).hasText("seen by Alice");
        }
    }

    @Test
    void theUnreadCountFollowsAPersonAcrossTheirTabs() {
        String lobby = uniqueRoom("lobby");
        String side = uniqueRoom("side");
        try (ChatPage firstTab = chromium.newPerson().join(base, lobby, "Alice").awaitConnected();
                ChatPage secondTab = firstTab.newTab().join(base, lobby, "Alice").awaitConnected();
                ChatPage bob = chromium.newPerson().join(base, side, "Bob").awaitConnected()) {
            firstTab.joinRoom(side).switchTo(lobby);
            secondTab.joinRoom(side).switchTo(lobby);

            bob.say("one");
            bob.say("two");
            assertThat(firstTab.unread(side)).hasText("2");
            assertThat(secondTab.unread(side)).hasText("2");

            firstTab.switchTo(side); // reads both in this tab
            assertThat(firstTab.unread(side)).isHidden();
            assertThat(secondTab.unread(side)).isHidden(); // the server told the other tab

            bob.say("three");
            assertThat(secondTab.unread(side)).hasText("1");
            assertThat(firstTab.message("three")).isVisible();
            assertThat(secondTab.unread(side)).isHidden();
        }
    }
}
