package org.acme.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.acme.chat.support.Names.uniqueRoom;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import org.acme.chat.support.ChatPage;
import org.junit.jupiter.api.Test;

/**
 * An author edits a message in place (keyboard only) and deletes another: everyone sees the new text with "(edited)"
 * and "message deleted" in place of the other, a newcomer too (from the room's history); nobody else gets the buttons.
 */
@QuarkusTest
class BrowserEditDeleteTest extends BrowserTest {

    @Test
    void anAuthorEditsAndDeletesTheirOwnMessagesAndEveryoneSeesIt() {
        String room = uniqueRoom("edit");
        try (ChatPage alice = chromium.newPerson().join(base, room, "Alice").awaitConnected();
                ChatPage bob = chromium.newPerson().join(base, room, "Bob").awaitConnected()) {
            alice.say("helo wrld");
            alice.say("wrong room, sorry");
            assertThat(bob.messageTexts()).hasText(new String[] { "helo wrld", "wrong room, sorry" });
            assertThat(bob.message("helo wrld").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Edit message"))).hasCount(0);
            assertThat(bob.message("helo wrld").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Delete message"))).hasCount(0);

            alice.edit("helo wrld", "hello world");
            for (ChatPage page : new ChatPage[] { alice, bob }) {
                assertThat(page.messageTexts()).hasText(new String[] { "hello world", "wrong room, sorry" });
                assertThat(page.message("hello world").locator(".edited")).hasText("(edited)");
            }

            alice.delete("wrong room, sorry");
            for (ChatPage page : new ChatPage[] { alice, bob }) {
                assertThat(page.messageTexts()).hasText(new String[] { "hello world", "message deleted" });
                assertThat(page.message("message deleted").locator(".reaction")).hasCount(0);
            }
            assertThat(alice.message("message deleted").getByRole(AriaRole.BUTTON)).hasCount(0);

            try (ChatPage carol = chromium.newPerson().join(base, room, "Carol").awaitConnected()) {
                assertThat(carol.messageTexts()).hasText(new String[] { "hello world", "message deleted" });
                assertThat(carol.message("hello world").locator(".edited")).hasText("(edited)");
            }
        }
    }
}
