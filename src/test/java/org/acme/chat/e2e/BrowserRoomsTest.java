package org.acme.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import io.quarkus.test.junit.QuarkusTest;
import org.acme.chat.support.ChatPage;
import org.junit.jupiter.api.Test;

/**
 * Several rooms in one page, on one WebSocket: the room list counts what is unread in the rooms not shown, switching
 * shows a room's own messages and members without reconnecting, and leaving a room tells the others.
 */
@QuarkusTest
class BrowserRoomsTest extends BrowserTest {

    @Test
    void severalRoomsOnOneConnectionWithUnreadCountsAndSwitching() {
        String lobby = uniqueRoom("lobby");
        String dev = uniqueRoom("dev");
        String ops = uniqueRoom("ops");
        try (ChatPage alice = chromium.newPerson().join(base, lobby, "Alice").awaitConnected();
                ChatPage bob = chromium.newPerson().join(base, lobby, "Bob").awaitConnected()) {
            alice.joinRoom(dev).joinRoom(ops);
            assertThat(alice.rooms()).hasText(new String[] { lobby, dev, ops });
            assertThat(alice.roomTitle()).hasText("# " + ops); // a room just joined is shown
            assertThat(alice.members()).hasText(new String[] { "Alice" });
            alice.switchTo(lobby);
            assertThat(alice.members()).hasText(new String[] { "Alice", "Bob" });

            bob.joinRoom(dev);
            bob.say("dev one");
            bob.say("dev two");
            assertThat(alice.unread(dev)).hasText("2");
            assertThat(alice.unread(ops)).isHidden();
            assertThat(alice.unread(lobby)).isHidden();
            assertThat(alice.messageTexts()).hasCount(0); // lobby is shown: dev's messages are not in it

            bob.switchTo(lobby);
            bob.say("lobby one");
            assertThat(alice.messageTexts()).hasText(new String[] { "lobby one" });
            assertThat(alice.unread(lobby)).isHidden(); // seen as it came
            assertThat(alice.unread(dev)).hasText("2");

            alice.switchTo(dev);
            assertThat(alice.messageTexts()).hasText(new String[] { "dev one", "dev two" });
            assertThat(alice.unread(dev)).isHidden();
            assertThat(alice.members()).hasText(new String[] { "Alice", "Bob" });
            alice.say("from dev");
            assertThat(bob.unread(dev)).hasText("1");

            alice.leaveRoom(dev);
            assertThat(alice.rooms()).hasText(new String[] { lobby, ops });
            bob.switchTo(dev);
            assertThat(bob.members()).hasText(new String[] { "Bob" });
            assertThat(bob.events().filter(new Locator.FilterOptions().setHasText("Alice left"))).hasCount(1);

            assertEquals(1, alice.webSocketUrls().size(), () -> "one connection for every room: " + alice.webSocketUrls());
            assertEquals(1, bob.webSocketUrls().size(), () -> "one connection for every room: " + bob.webSocketUrls());
        }
    }
}
