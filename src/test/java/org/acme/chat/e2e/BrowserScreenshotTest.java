package org.acme.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.acme.chat.support.ChatPage;
import org.junit.jupiter.api.Test;

/**
 * The README's picture of the page: three rooms with unread counts, a conversation with a reaction, an edited message,
 * "seen by" and someone typing. Always written to target/e2e/multi-room.png; with {@code -De2e.readme-screenshot=true} it
 * replaces docs/images/multi-room.png too (commit it when the page's look changes).
 */
@QuarkusTest
class BrowserScreenshotTest extends BrowserTest {

    private static final Path SHOT = BrowserChatTest.SCREENSHOTS.resolve("multi-room.png");
    private static final Path README_IMAGE = Path.of("docs", "images", "multi-room.png");

    @Test
    void multiRoomPageForTheReadme() throws IOException {
        // Fixed, readable room names: no other test uses them.
        String design = "design";
        String release = "release";
        String general = "general";
        try (ChatPage alice = chromium.newPerson(1100, 560).join(base, design, "Alice").awaitConnected();
                ChatPage bob = chromium.newPerson().join(base, design, "Bob").awaitConnected();
                ChatPage carol = chromium.newPerson().join(base, design, "Carol").awaitConnected()) {
            alice.joinRoom(release).joinRoom(general).switchTo(design);
            bob.say("Mock-ups for the room list are up on the wiki");
            alice.say("Looks great, unread counts on the left?");
            carol.say("Yes, and who is typing under the messages");
            assertThat(alice.messageTexts()).hasCount(3);
            alice.edit("Looks great, unread counts on the left?", "Looks great! Unread counts on the left?");
            bob.reaction("Looks great! Unread counts on the left?", "👍").click();
            carol.reaction("Looks great! Unread counts on the left?", "👍").click();
            carol.reaction("Yes, and who is typing under the messages", "🎉").click();
            assertThat(alice.reaction("Looks great! Unread counts on the left?", "👍").locator(".count")).hasText("2");
            assertThat(alice.reaction("Yes, and who is typing under the messages", "🎉").locator(".count"))
                    .hasText("1");

            bob.joinRoom(release).joinRoom(general);
            bob.say("Release notes are ready for review");
            bob.switchTo(release);
            bob.say("Tagging 2.0 at five");
            bob.say("Anyone against?");
            assertThat(alice.unread(general)).hasText("1");
            assertThat(alice.unread(release)).hasText("2");
            bob.switchTo(design);
            assertThat(alice.seenBy()).hasCount(1);

            // Over 2 s of typing: one signal at least goes out after the one her last message came with.
            carol.type("Let me try it on my phone first");
            assertThat(alice.typingIndicator()).hasText("Carol is typing…");
            Files.createDirectories(SHOT.getParent());
            alice.screenshot(SHOT);
            if (Boolean.getBoolean("e2e.readme-screenshot")) {
                Files.createDirectories(README_IMAGE.getParent());
                Files.copy(SHOT, README_IMAGE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
