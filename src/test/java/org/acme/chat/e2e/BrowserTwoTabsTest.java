package org.acme.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.acme.chat.support.Frames.memberName;
import static org.acme.chat.support.Frames.senderName;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Pattern;
import org.acme.chat.support.ChatPage;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * The same name in two tabs of one browser is one person (the page's client key is shared through localStorage): no
 * "name taken", one entry in everyone's member list, one join when the first tab comes and one leave when the last
 * goes, and each tab shows the other's messages as its own.
 */
@QuarkusTest
class BrowserTwoTabsTest extends BrowserTest {

    private static final Pattern MINE = Pattern.compile("\\bmine\\b");

    @Test
    void twoTabsOfOnePersonArePresentOnce() {
        String room = uniqueRoom("tabs");
        try (WsClient bob = WsClient.join(base, room, "bob");
                ChatPage firstTab = chromium.newPerson().join(base, room, "Alice").awaitConnected()) {
            assertEquals("Alice", memberName(bob.next("join")));
            ChatPage secondTab = firstTab.newTab().join(base, room, "Alice").awaitConnected();
            assertThat(secondTab.members()).hasText(new String[] { "Alice", "bob" });
            assertThat(firstTab.members()).hasText(new String[] { "Alice", "bob" });

            firstTab.say("from the first tab");
            assertEquals("Alice", senderName(bob.next("message")), "no second join for the second tab");
            assertThat(secondTab.messageTexts()).hasText(new String[] { "from the first tab" });
            assertThat(secondTab.messages().first()).hasClass(MINE);

            try (ChatPage carol = chromium.newPerson().join(base, room, "Carol").awaitConnected()) {
                assertThat(carol.members()).hasText(new String[] { "Alice", "bob", "Carol" });
                assertThat(carol.members().first()).hasAttribute("data-sessions", "2");
            }
            assertEquals("Carol", memberName(bob.next("join")));
            assertEquals("Carol", memberName(bob.next("leave")));

            secondTab.close();
            firstTab.say("the second tab is closed");
            assertEquals("Alice", senderName(bob.next("message")), "no leave while a tab is still there");
            bob.assertNothingPending();

            firstTab.closeTab();
            assertEquals("Alice", memberName(bob.next("leave")), "the last tab gone: the person left");
        }
    }
}
