package org.acme.chat.limits;

import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Prometheus.value;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acme.chat.support.Frames;
import org.acme.chat.support.Names;
import org.acme.chat.support.RawClient;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * The send-queue policy tells "behind for a moment" from "not reading" (issue #17, item 1): 30 members each send 15
 * messages of 3 KB at once, within the rate limit's burst of 20, into a room of 33. That is a legitimate burst of
 * 1.35 MB to every member, more than the former 1 MiB bound: the members who read all keep reading and receive every
 * message; only the member who never reads is closed with 1008, once it has stayed behind for the drain timeout
 * while the talkers go on within their rate.
 */
@QuarkusTest
@TestProfile(HonestBurstTest.BusyRoom.class)
class HonestBurstTest {

    private static final int TALKERS = 30;
    private static final int MESSAGES_EACH = 15;
    private static final int TOTAL = TALKERS * MESSAGES_EACH;
    private static final Duration AT_MOST = Duration.ofSeconds(60);

    /** The defaults for rate and send queue, with chat-sized messages, no per-IP cap, and no heartbeat to reap. */
    public static class BusyRoom implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.message.max-length", "4000", "chat.max-frame-bytes", "65536",
                    "chat.limits.max-connections-per-ip", "0", "chat.heartbeat.enabled", "false",
                    "chat.send-queue.drain-timeout", "3s");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void membersWhoReadSurviveALegitimateBurstAndOnlyTheOneWhoNeverReadsIsClosed() {
        String room = Names.uniqueRoom("burst");
        double slow = value("chat_errors_total{code=\"slow_consumer\"}");
        List<WsClient> members = new ArrayList<>();
        try (RawClient sloth = RawClient.connect(base, chatPath(room, "sloth"), "", 4096)) {
            for (int i = 0; i < TALKERS + 2; i++) {
                members.add(WsClient.join(base, room, "m" + i));
            }
            List<WsClient> talkers = members.subList(0, TALKERS);
            String text = "x".repeat(3000);
            for (WsClient talker : talkers) {
                for (int i = 0; i < MESSAGES_EACH; i++) {
                    talker.send(Frames.message(text));
                }
            }

            for (WsClient member : members) {
                assertEquals(TOTAL, messagesUntil(member, TOTAL), "every reader receives the whole burst");
            }

            // The sloth may still hold all of that in the kernel's socket buffers, which cost the server no heap.
            // The talkers go on within their rate until it is behind in the server's own queue, and stays so past
            // the drain timeout.
            int[] more = {0};
            await().atMost(AT_MOST).pollInterval(Duration.ofMillis(1_100)).until(() -> {
                for (WsClient talker : talkers) {
                    for (int i = 0; i < 10; i++) {
                        talker.send(Frames.message(text));
                    }
                }
                more[0] += TALKERS * 10;
                return value("chat_errors_total{code=\"slow_consumer\"}") >= slow + 1;
            });

            assertEquals(1008, sloth.awaitCloseCode());
            for (WsClient member : members) {
                readMessagesAndTheSlothsLeave(member, more[0]); // nothing lost on the way, and the sloth left
                assertFalse(member.isClosed());
            }
            assertEquals(slow + 1, value("chat_errors_total{code=\"slow_consumer\"}"), "nobody else was closed");
        } finally {
            members.forEach(WsClient::close);
        }
    }

    private static int messagesUntil(WsClient member, int expected) {
        int received = 0;
        while (received < expected) {
            JsonObject frame = member.next(AT_MOST);
            if (frame.getString("type").equals("message")) {
                received++;
            }
        }
        return received;
    }

    /** Reads until {@code expected} messages and the sloth's leave have arrived, in whatever order. */
    private static void readMessagesAndTheSlothsLeave(WsClient member, int expected) {
        int received = 0;
        boolean left = false;
        while (received < expected || !left) {
            JsonObject frame = member.next(AT_MOST);
            String type = frame.getString("type");
            if (type.equals("message")) {
                received++;
            } else if (type.equals("leave")) {
                assertEquals("sloth", Frames.memberName(frame), frame::encode);
                left = true;
            }
        }
        assertEquals(expected, received);
    }
}
