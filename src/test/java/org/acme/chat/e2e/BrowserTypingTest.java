package org.acme.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import org.acme.chat.support.ChatPage;
import org.junit.jupiter.api.Test;

/**
 * Typing shows on the other person's page as "Alice is typing…": one signal for a burst of keys (at most one per 2 s),
 * gone about 5 s after the last one, and at once when her message arrives.
 */
@QuarkusTest
class BrowserTypingTest extends BrowserTest {

    /** Well under the 5 s an indicator lasts without a new signal: what only the arriving message can explain. */
    private static final double SOONER_THAN_THE_TIMEOUT_MS = 2_500;

    @Test
    void theOtherPersonSeesWhoIsTypingUntilTheyStopOrSend() {
        String room = uniqueRoom("typing");
        try (ChatPage alice = chromium.newPerson().join(base, room, "Alice").awaitConnected();
                ChatPage bob = chromium.newPerson().join(base, room, "Bob").awaitConnected()) {
            alice.type("hello the");
            assertThat(bob.typingIndicator()).hasText("Alice is typing…");
            assertThat(alice.typingIndicator()).hasText("");
            assertEquals(1, typingFrames(alice), () -> "one signal for a burst of keys: " + alice.sentFrames());

            // Nothing more typed: the indicator goes by itself (after about 5 s).
            assertThat(bob.typingIndicator()).hasText("");

            alice.type("re");
            assertThat(bob.typingIndicator()).hasText("Alice is typing…");
            alice.say("hello there");
            assertThat(bob.messageTexts()).hasText(new String[] { "hello there" });
            assertThat(bob.typingIndicator()).hasText("",
                    new LocatorAssertions.HasTextOptions().setTimeout(SOONER_THAN_THE_TIMEOUT_MS));
        }
    }

    private static long typingFrames(ChatPage page) {
        return page.sentFrames().stream().filter(frame -> frame.contains("\"type\":\"typing\"")).count();
    }
}
