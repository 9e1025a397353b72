package org.acme.chat.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.chat.support.V2;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/** Protocol v2 on the memory broker, and what {@code /ws} refuses before the upgrade. */
@QuarkusTest
class PersonProtocolTest extends PersonProtocolCases {

    @Test
    void aMissingOrInvalidNameOrClientKeyIs400BeforeTheUpgrade() {
        assertEquals(400, WsClient.rejectedStatus(base, "/ws"));
        assertEquals(400, WsClient.rejectedStatus(base, V2.path("al<i>ce", "alice-key-1")));
        assertEquals(400, WsClient.rejectedStatus(base, V2.path("system", "alice-key-1")));
        assertEquals(400, WsClient.rejectedStatus(base, V2.path("alice", "short")));
        assertEquals(400, WsClient.rejectedStatus(base, V2.path("alice", "has%20space-in-it")));
        assertEquals(400, WsClient.rejectedStatus(base, V2.path("alice", "k".repeat(65))));
        assertEquals(400, WsClient.rejectedStatus(base, "/ws?name=alice&name=bob"));
    }

    @Test
    void withoutAClientKeyEachConnectionIsAPersonOfItsOwn() {
        try (WsClient one = WsClient.connect(base, V2.path("dora", null));
                WsClient two = WsClient.connect(base, V2.path("dora", null))) {
            String first = one.next("hello").getJsonObject("you").getString("id");
            String second = two.next("hello").getJsonObject("you").getString("id");
            assertEquals(false, first.equals(second));
        }
    }
}
