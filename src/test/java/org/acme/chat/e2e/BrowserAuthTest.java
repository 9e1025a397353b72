package org.acme.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import org.acme.chat.support.ChatPage;
import org.acme.chat.support.TestTokens;
import org.acme.chat.support.TokensRequired;
import org.junit.jupiter.api.Test;

/**
 * With {@code chat.auth.enabled}, the bundled page takes its token from its link and passes it on the WebSocket as a
 * subprotocol (a browser cannot set headers there): the token names the user, and a room it does not grant shows why.
 */
@QuarkusTest
@TestProfile(TokensRequired.class)
class BrowserAuthTest extends BrowserTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void tokenInTheLinkNamesTheUserAndUngrantedRoomsShowWhy() {
        String room = uniqueRoom("team");
        String erin = TestTokens.token("erin", List.of("team-*"), HOUR);
        String frank = TestTokens.token("frank", List.of("team-*"), HOUR);
        try (ChatPage erinsPage = chromium.newPerson().joinWithToken(base, erin, room, "typed").awaitConnected();
                ChatPage franksPage = chromium.newPerson().joinWithToken(base, frank, room, "x").awaitConnected()) {
            assertThat(erinsPage.members()).hasText(new String[] { "erin", "frank" });
            erinsPage.say("signed in by token");
            assertThat(franksPage.messageTexts()).hasText(new String[] { "signed in by token" });
            assertThat(franksPage.messages().locator(".from")).hasText(new String[] { "erin" });
            assertEquals("", erinsPage.evaluate("() => location.hash"), "the token leaves the address bar");
        }
        try (ChatPage page = chromium.newPerson().joinWithToken(base, erin, "secret", "x")) {
            assertThat(page.joinError()).containsText("does not grant room 'secret'");
        }
        try (ChatPage page = chromium.newPerson().join(base, room, "no-token")) {
            assertThat(page.joinError()).containsText("authentication required");
        }
    }
}
