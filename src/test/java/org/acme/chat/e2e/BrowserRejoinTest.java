package org.acme.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acme.chat.support.ChatPage;
import org.acme.chat.support.Chromium;
import org.acme.chat.support.CuttableProxy;
import org.junit.jupiter.api.Test;

/**
 * A page in more rooms than its frame budget lets it rejoin at once gets every room back after a reconnect: it paces
 * its joins, and a join dropped for the budget ({@code rate_limited}) is asked again, never taken as a refusal. The
 * profile makes the budget small (a burst of 2, 2 frames a second) so that six rooms exceed it.
 */
@QuarkusTest
@TestProfile(BrowserRejoinTest.SmallBudget.class)
class BrowserRejoinTest {

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.rate.burst", "2", "chat.rate.messages-per-second", "2",
                    "chat.limits.max-rooms-per-session", "6");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyRoomIsBackAfterAReconnectThoughTheJoinsExceedTheBudget() throws Exception {
        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rooms.add(uniqueRoom("rejoin" + i));
        }
        try (Chromium chromium = Chromium.launch(); CuttableProxy network = CuttableProxy.to(base);
                ChatPage page = chromium.newPerson().join(network.base(), rooms.get(0), "Rita").awaitConnected()) {
            for (String room : rooms.subList(1, rooms.size())) {
                page.joinRoom(room);
                assertThat(page.roomTitle()).hasText("# " + room, new LocatorAssertions.HasTextOptions()
                        .setTimeout(10_000)); // joined, one at a time, within the budget
            }
            network.cut();
            assertThat(page.state()).hasAttribute("data-state", "reconnecting");
            network.restore();
            page.awaitConnected();

            assertThat(page.rooms()).hasText(rooms.toArray(String[]::new), new LocatorAssertions.HasTextOptions()
                    .setTimeout(20_000));
            for (String room : rooms) {
                page.switchTo(room);
                assertThat(page.members()).hasText(new String[] { "Rita" }, new LocatorAssertions.HasTextOptions()
                        .setTimeout(20_000));
            }
            long joins = page.sentFrames().stream().map(JsonObject::new)
                    .filter(frame -> "join".equals(frame.getString("type"))).count();
            assertTrue(joins > 2 * rooms.size(), () -> joins + " joins: some were dropped and sent again");
        }
    }
}
