package org.acme.chat.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.acme.chat.support.Bystanders;
import org.acme.chat.support.Frames;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bad client frame gets its error event on the wire; the connection stays open, and members of its room and of
 * another room notice nothing. Which frame gets which code is {@code FrameDecoderTest}'s and, through a session,
 * {@code session.ChatSessionTest}'s; this covers the way out over a socket and the limit taken from the test profile.
 */
@QuarkusTest
class ProtocolErrorTest {

    @TestHTTPResource("/")
    URI base;

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "not json at all                          | invalid_json",
            "{\"type\":\"shout\",\"text\":\"hi\"}     | unknown_type",
    })
    void badFrameGetsErrorAndConnectionStaysUsable(String frame, String code) {
        assertErrorThenStillWorks(frame, code);
    }

    @Test
    void textOverTheLimitGetsTextTooLong() {
        // The test profile sets chat.message.max-length=100.
        assertErrorThenStillWorks(Frames.message("x".repeat(101)).encode(), "text_too_long");
    }

    /** The sender gets {@code code}, can go on talking, and bystanders in its room and another notice nothing. */
    private void assertErrorThenStillWorks(String frame, String code) {
        Bystanders.around(base, "errors", room -> {
            try (WsClient sender = WsClient.join(base, room, "sender")) {
                sender.send(frame);
                JsonObject error = sender.next("error");
                assertEquals(code, error.getString("code"));
                assertFalse(error.getString("message").isBlank());

                sender.send(Frames.message("still here"));
                assertEquals("still here", sender.next("message").getString("text"));
            }
        });
    }
}
