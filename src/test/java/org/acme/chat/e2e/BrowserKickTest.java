package org.acme.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.acme.chat.support.ApiKeys;
import org.acme.chat.support.ChatPage;
import org.acme.chat.support.Frames;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * What the server API does to a page: a kick takes the person out of that room only (the room leaves the list, the
 * reason shows, the connection and the other rooms stay), and a message deleted through the API shows as deleted.
 */
@QuarkusTest
@TestProfile(ApiKeys.class)
class BrowserKickTest extends BrowserTest {

    @Test
    void aKickRemovesTheRoomWithTheReasonAndKeepsTheOthers() {
        String room = uniqueRoom("kick");
        String other = uniqueRoom("kept");
        try (WsClient moderator = WsClient.join(base, room, "moderator");
                ChatPage mallory = chromium.newPerson().join(base, room, "Mallory").awaitConnected()) {
            mallory.joinRoom(other).switchTo(room);
            mallory.say("buy cheap watches");
            moderator.next("join");
            String spam = moderator.next("message").getString("id");
            moderator.send(Frames.message("please stop"));
            assertThat(mallory.message("please stop")).isVisible();

            api().delete("/api/v1/rooms/{room}/messages/{id}", room, spam).then().statusCode(204);
            assertThat(mallory.messageTexts()).hasText(new String[] { "message deleted", "please stop" });

            api().contentType(ContentType.JSON).body(Map.of("reason", "spamming links"))
                    .post("/api/v1/rooms/{room}/members/{name}/kick", room, "Mallory").then().statusCode(204);
            assertThat(mallory.chatError()).hasText("You were removed from " + room + ": spamming links");
            assertThat(mallory.rooms()).hasText(new String[] { other });
            assertThat(mallory.roomTitle()).hasText("# " + other);
            assertThat(mallory.state()).hasAttribute("data-state", "open");
            assertEquals(1, mallory.webSocketUrls().size(), "the connection stays, in the other room");
        }
    }

    private static RequestSpecification api() {
        return given().header("Authorization", ApiKeys.bearer(ApiKeys.KEY));
    }
}
