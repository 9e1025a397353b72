package org.acme.chat.websocket;

import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.UpgradeRejectedException;
import java.net.URI;
import org.acme.chat.support.Frames;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Nobody joins as a look-alike of a member, hides characters in a name, or reorders what others read. */
@QuarkusTest
class LookAlikesTest {

    @TestHTTPResource("/")
    URI base;

    @ParameterizedTest
    @ValueSource(strings = { "\u0430lice", "\uFF41lice", "\u0391lice" }) // Cyrillic а, fullwidth ａ, Greek Α
    void aLookAlikeOfAMembersNameIsTaken(String name) {
        String room = uniqueRoom("lookalike");
        try (WsClient alice = WsClient.join(base, room, "alice")) {
            UpgradeRejectedException refused = WsClient.rejection(base, chatPath(room, name));
            assertEquals(409, refused.getStatus());
            assertEquals("name '" + name + "' is already taken in room '" + room + "'\n",
                    refused.getBody().toString());
        }
    }

    @Test
    void aNameWithABidiControlIs400WithItsReason() {
        UpgradeRejectedException refused = WsClient.rejection(base, chatPath(uniqueRoom("lookalike"), "ali\u202Ece"));
        assertEquals(400, refused.getStatus());
        assertEquals("invalid name: no invisible or text-direction characters (zero-width spaces, joiners,"
                + " bidirectional controls)\n", refused.getBody().toString());
    }

    @Test
    void bidiControlsAndZeroWidthCharactersAreTakenOutOfTexts() {
        String room = uniqueRoom("lookalike");
        try (WsClient alice = WsClient.join(base, room, "alice");
                WsClient bob = WsClient.join(base, room, "bob")) {
            alice.next("join");
            bob.send(Frames.message("open invoice.\u202Efdp.exe now, pay\u200Bpal \uD83D\uDC69\u200D\uD83D\uDCBB"));
            assertEquals("open invoice.fdp.exe now, paypal \uD83D\uDC69\u200D\uD83D\uDCBB",
                    alice.next("message").getString("text"));
        }
    }
}
