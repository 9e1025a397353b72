package org.acme.chat.limits;

import static org.acme.chat.support.Frames.memberName;
import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Prometheus.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Map;
import org.acme.chat.support.Bystanders;
import org.acme.chat.support.Frames;
import org.acme.chat.support.RawClient;
import org.acme.chat.support.WsClient;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A member that never reads cannot make the server buffer without bound: past {@code chat.send-queue.max-bytes} it is
 * closed with 1008 and leaves the room, and the others, in that room and elsewhere, go on.
 */
@QuarkusTest
@TestProfile(SlowConsumerTest.FastTalkers.class)
class SlowConsumerTest {

    private static final Logger LOG = Logger.getLogger(SlowConsumerTest.class);
    private static final int MAX_MESSAGES = 5_000;
    /**
     * Messages in flight at once. The talker sends the next batch only once it and the reading bystanders have
     * received this one, so no member who reads ever has more than 10 × 4 KB of the 256 KiB queue, however late its
     * event loop runs on a busy machine; only the member who never reads fills it.
     */
    private static final int BATCH = 10;

    /**
     * Large messages, no rate limit in the way, a 256 KiB send queue with a drain timeout long enough that the byte
     * bound is what closes, and no heartbeat, which could otherwise reap the
     * member who never reads (nor answers pings) before its queue overflows.
     */
    public static class FastTalkers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.rate.messages-per-second", "100000", "chat.rate.burst", "100000",
                    "chat.send-queue.max-bytes", "262144", "chat.send-queue.low-water-bytes", "65536",
                    "chat.send-queue.drain-timeout", "60s", "chat.message.max-length", "4000",
                    "chat.max-frame-bytes", "65536", "chat.heartbeat.enabled", "false");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void memberThatNeverReadsIsClosedWith1008AndLeaves() {
        double kicked = value("chat_errors_total{code=\"slow_consumer\"}");
        try (Bystanders bystanders = Bystanders.join(base, "slow");
                WsClient talker = WsClient.join(base, bystanders.room(), "talker");
                RawClient sloth = RawClient.connect(base, chatPath(bystanders.room(), "sloth"), "", 4096)) {
            assertEquals("sloth", memberName(talker.next("join")));
            JsonObject big = Frames.message("x".repeat(4000));
            int sent = 0;
            boolean left = false;
            while (!left && sent < MAX_MESSAGES) {
                for (int i = 0; i < BATCH; i++) {
                    talker.send(big);
                }
                sent += BATCH;
                for (int received = 0; received < BATCH;) {
                    JsonObject frame = talker.next();
                    if (frame.getString("type").equals("message")) {
                        received += Frames.senderName(frame).equals("talker") ? 1 : 0;
                    } else {
                        assertEquals("leave", frame.getString("type"), frame::encode);
                        assertEquals("sloth", memberName(frame));
                        left = true;
                    }
                }
                bystanders.awaitMessagesFrom("talker", BATCH);
            }
            LOG.infof("the member that never reads was dropped after %d messages of 4 KB", sent);
            assertTrue(left, "still in the room after " + sent + " messages");
            assertEquals(1008, sloth.awaitCloseCode());
            assertTrue(value("chat_errors_total{code=\"slow_consumer\"}") >= kicked + 1);

            bystanders.assertUndisturbed("sloth");
        }
    }
}
