package org.acme.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.acme.chat.support.ChatPage;
import org.acme.chat.support.Frames;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * A newcomer gets the room's last few messages ({@code chat.history.size}, 5 in the test profile); "Load older
 * messages" fetches what came before with {@code history} and {@code before}, above them and in order, and goes away
 * once the server says there is nothing more.
 */
@QuarkusTest
class BrowserScrollBackTest extends BrowserTest {

    private static final int POSTED = 8;
    private static final int WELCOME = 5;

    @Test
    void loadOlderMessagesFetchesWhatCameBeforeUntilThereIsNoMore() {
        String room = uniqueRoom("scroll");
        String[] all = IntStream.rangeClosed(1, POSTED).mapToObj(i -> "message " + i).toArray(String[]::new);
        try (WsClient poster = WsClient.join(base, room, "poster")) {
            List<String> ids = new ArrayList<>();
            for (String text : all) {
                poster.send(Frames.message(text));
                ids.add(poster.next("message").getString("id"));
            }
            try (ChatPage reader = chromium.newPerson().join(base, room, "Reader").awaitConnected()) {
                String[] newest = Arrays.copyOfRange(all, POSTED - WELCOME, POSTED);
                assertThat(reader.messageTexts()).hasText(newest);

                reader.loadOlder().focus();
                reader.loadOlder().press("Enter");
                assertThat(reader.messageTexts()).hasText(all);
                assertThat(reader.loadOlder()).isHidden();
                List<JsonObject> asked = reader.sentFrames().stream().map(JsonObject::new)
                        .filter(frame -> "history".equals(frame.getString("type"))).toList();
                assertEquals(1, asked.size(), asked::toString);
                assertEquals(ids.get(POSTED - WELCOME), asked.get(0).getString("before"), "older than the oldest shown");
            }
        }
    }
}
