package org.acme.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.acme.chat.support.ChatPage;
import org.junit.jupiter.api.Test;

/** The bundled page in a real headless Chromium, used the way people use it. */
@QuarkusTest
class BrowserChatTest extends BrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "e2e");
    private static final Pattern MINE = Pattern.compile("\\bmine\\b");

    @Test
    void twoPeopleSeeEachOtherAndTheirMessagesInOrder() throws IOException {
        String room = uniqueRoom("browser");
        try (ChatPage alice = chromium.newPerson().join(base, room, "Alice").awaitConnected();
                ChatPage bob = chromium.newPerson().join(base, room, "Bob").awaitConnected()) {
            assertThat(alice.joinForm()).isHidden();
            assertThat(alice.members()).hasText(new String[] { "Alice", "Bob" });
            assertThat(bob.members()).hasText(new String[] { "Alice", "Bob" });

            alice.say("Hi Bob!");
            assertThat(bob.messageTexts()).hasText(new String[] { "Hi Bob!" });
            bob.say("Hello Alice, all good here.");
            assertThat(alice.messageTexts()).hasText(new String[] { "Hi Bob!", "Hello Alice, all good here." });
            alice.say("Great, see you at the stand-up.");

            String[] texts = { "Hi Bob!", "Hello Alice, all good here.", "Great, see you at the stand-up." };
            for (ChatPage page : new ChatPage[] { alice, bob }) {
                assertThat(page.messageTexts()).hasText(texts);
                assertThat(page.messages().locator(".from")).hasText(new String[] { "Alice", "Bob", "Alice" });
                assertThat(page.messages().locator("time")).hasCount(3);
            }
            assertThat(alice.messages().nth(0)).hasClass(MINE);
            assertThat(alice.messages().nth(1)).not().hasClass(MINE);
            assertThat(bob.messages().nth(1)).hasClass(MINE);

            Files.createDirectories(SCREENSHOTS);
            alice.screenshot(SCREENSHOTS.resolve("chat.png"));
        }
    }

    @Test
    void markupInAMessageIsShownAsTextAndNeverRuns() {
        String room = uniqueRoom("xss");
        String hostile = "<img src=x onerror=\"window.__pwned=1\"> <script>window.__pwned=2</script> & <b>bold</b>";
        try (ChatPage mallory = chromium.newPerson().join(base, room, "Mallory").awaitConnected();
                ChatPage victim = chromium.newPerson().join(base, room, "Victim").awaitConnected()) {
            mallory.say(hostile);
            for (ChatPage page : new ChatPage[] { mallory, victim }) {
                assertThat(page.messageTexts()).hasText(new String[] { hostile });
                assertThat(page.messageImages()).hasCount(0);
                assertNull(page.evaluate("() => window.__pwned"), "injected script ran");
            }
        }
    }

    @Test
    void lateJoinerSeesTheHistory() {
        String room = uniqueRoom("late");
        try (ChatPage early = chromium.newPerson().join(base, room, "Early").awaitConnected()) {
            early.say("first");
            assertThat(early.messageTexts()).hasText(new String[] { "first" });
            early.say("second");
            assertThat(early.messageTexts()).hasText(new String[] { "first", "second" });

            try (ChatPage late = chromium.newPerson().join(base, room, "Late").awaitConnected()) {
                assertThat(late.messageTexts()).hasText(new String[] { "first", "second" });
                assertThat(late.messages().locator(".from")).hasText(new String[] { "Early", "Early" });
                assertThat(late.members()).hasText(new String[] { "Early", "Late" });
            }
        }
    }

    @Test
    void invalidNameOrRoomAndTakenNameShowAReadableError() {
        String room = uniqueRoom("errors");
        try (ChatPage page = chromium.newPerson().join(base, room, "bad<name>")) {
            assertThat(page.joinError()).isVisible();
            assertThat(page.joinError()).containsText("invalid name");
            assertThat(page.state()).hasAttribute("data-state", "closed");
        }
        try (ChatPage page = chromium.newPerson().join(base, "no spaces!", "Ok")) {
            assertThat(page.joinError()).containsText("invalid room");
        }
        try (ChatPage first = chromium.newPerson().join(base, room, "Sam").awaitConnected();
                ChatPage second = chromium.newPerson().join(base, room, "sam")) {
            assertThat(second.joinError()).containsText("already taken");
            assertThat(first.members()).hasText(new String[] { "Sam" });
        }
    }

    @Test
    void pageFitsAPhoneScreen() throws IOException {
        String room = uniqueRoom("phone");
        try (ChatPage phone = chromium.newPhone().join(base, room, "Pat").awaitConnected()) {
            phone.say("Typed on a phone, with a rather long line that has to wrap instead of widening the page.");
            assertThat(phone.messageTexts()).hasCount(1);
            assertEquals(Boolean.TRUE, phone.evaluate(
                    "() => document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
            assertEquals(Boolean.TRUE, phone.evaluate("() => { const chat = document.getElementById('chat');"
                    + " const edge = window.innerWidth - parseFloat(getComputedStyle(chat).paddingRight) + 0.5;"
                    + " return [...chat.querySelectorAll('*')].every(e => e.getBoundingClientRect().right <= edge); }"),
                    "everything stays inside the page margin");
            Files.createDirectories(SCREENSHOTS);
            phone.screenshot(SCREENSHOTS.resolve("chat-phone.png"));
        }
    }
}
