package org.acme.chat.limits;

import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.acme.chat.support.Prometheus.value;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.http.UpgradeRejectedException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.acme.chat.support.Bystanders;
import org.acme.chat.support.RawClient;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * The node's caps answer before the upgrade (409 for a full room, 503 with {@code Retry-After} for rooms and
 * connections), each counted; members in the full room and in the other room go on.
 */
@QuarkusTest
@TestProfile(CapacityTest.SmallServer.class)
class CapacityTest {

    /** A node for five connections, two rooms, two members a room. */
    public static class SmallServer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.limits.max-connections", "5", "chat.limits.max-rooms", "2",
                    "chat.limits.max-members-per-room", "2");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void fullRoomIs409AndTooManyRoomsOrConnectionsAre503WithRetryAfter() {
        double roomFull = value("chat_errors_total{code=\"room_full\"}");
        double tooManyRooms = value("chat_errors_total{code=\"too_many_rooms\"}");
        double serverFull = value("chat_errors_total{code=\"server_full\"}");
        // alice and bob fill their room, carol opens the second: three connections in two rooms of two.
        try (Bystanders bystanders = Bystanders.join(base, "cap")) {
            assertEquals(409, WsClient.rejectedStatus(base, chatPath(bystanders.room(), "a3")), "the room is full");
            assertRefusedForCapacity(chatPath(uniqueRoom("cap-c"), "c1"), "two rooms exist");

            try (WsClient echo1 = WsClient.connect(base, "/echo")) {
                // An echo proves the server opened (and counted) the connection, not just its handshake.
                echo1.send("four connections now");
                assertEquals("four connections now", echo1.nextText());
                WsClient echo2 = WsClient.connect(base, "/echo");
                echo2.send("five connections now");
                assertEquals("five connections now", echo2.nextText());
                assertRefusedForCapacity("/echo", "the node is full");
                assertRefusedForCapacity(chatPath(bystanders.room(), "b2"), "the node is full");

                echo2.close();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> RawClient.upgradeStatus(base, "/echo", "", "127.0.0.1") == 101);
            }
            bystanders.assertUndisturbed();
        }
        assertEquals(roomFull + 1, value("chat_errors_total{code=\"room_full\"}"));
        assertEquals(tooManyRooms + 1, value("chat_errors_total{code=\"too_many_rooms\"}"));
        assertTrue(value("chat_errors_total{code=\"server_full\"}") >= serverFull + 2);
    }

    private void assertRefusedForCapacity(String pathAndQuery, String why) {
        UpgradeRejectedException refused = WsClient.rejection(base, pathAndQuery);
        assertEquals(503, refused.getStatus(), why);
        assertEquals("5", refused.getHeaders().get("Retry-After"), why + ": clients are told when to come back");
    }
}
