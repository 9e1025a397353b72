package org.acme.chat.websocket;

import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.acme.chat.support.Prometheus.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.acme.chat.support.Frames;
import org.acme.chat.support.ManagementInterface;
import org.acme.chat.support.RawClient;
import org.acme.chat.support.WsClient;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * 10,000 generated frames from a seeded generator (random bytes, mutated valid messages, random fragmentation, pings,
 * binary, reserved opcodes and bits) against the running app, each one handled by the server before the next is sent,
 * while two members of another room talk. Afterwards the service is ready, nothing
 * failed unexpectedly inside it, and the members' exchange is complete and in order.
 */
@QuarkusTest
@TestProfile(FuzzTest.NoRateLimit.class)
class FuzzTest {

    private static final Logger LOG = Logger.getLogger(FuzzTest.class);
    private static final long SEED = 20261122L;
    private static final int FRAMES = 10_000;
    private static final int EXCHANGE = 300;
    /** What a fuzz frame may be answered with (docs/protocol.md): protocol error, binary, not UTF-8, too big. */
    private static final Set<Integer> DOCUMENTED_CLOSES = Set.of(1002, 1003, 1007, 1009);
    private static final String[] VALID = {
            "{\"type\":\"message\",\"text\":\"hello\"}",
            "{\"type\":\"message\",\"text\":\"with ref\",\"ref\":\"r-1\"}",
            "{\"type\":\"ping\"}",
            "{\"type\":\"message\",\"text\":\"émoji 😀 and \\\\n escapes \\\\u00e9\"}",
    };

    /** The rate limit would refuse most fuzz frames before they reach the decoder; lift it here. */
    public static class NoRateLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Raw fuzz connections never answer pings: without the heartbeat none of them is reaped mid-test.
            return Map.of("chat.rate.messages-per-second", "1000000", "chat.rate.burst", "1000000",
                    "chat.limits.max-connections-per-ip", "100000", "chat.heartbeat.enabled", "false");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void tenThousandGeneratedFramesLeaveTheServiceHealthyAndLoseNothingElsewhere() throws Exception {
        double internalErrors = value("chat_errors_total{code=\"internal_error\"}");
        String quietRoom = uniqueRoom("fuzz-bystanders");
        try (WsClient alice = WsClient.join(base, quietRoom, "alice");
                WsClient bob = WsClient.join(base, quietRoom, "bob")) {
            alice.next("join");
            CompletableFuture<Void> exchange = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < EXCHANGE; i++) {
                    alice.send(Frames.message("m" + i));
                }
            });
            int connections = fuzz(new Random(SEED));
            exchange.get(WsClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (int i = 0; i < EXCHANGE; i++) {
                assertEquals("m" + i, bob.next("message").getString("text"));
            }
            bob.assertNothingPending();
            LOG.infof("fuzz: %d frames handled over %d connections, seed %d", FRAMES, connections, SEED);
        }
        RestAssured.get(ManagementInterface.uri("/q/health/ready")).then().statusCode(200);
        assertEquals(internalErrors, value("chat_errors_total{code=\"internal_error\"}"),
                "no frame may reach an unexpected failure inside the server");
    }

    /**
     * Sends {@link #FRAMES} frames over as many connections as the server's closes make necessary. A ping after each
     * frame proves the server has read and checked it before the next one is counted: Vert.x answers the ping once the
     * frames before it are decoded, while the endpoint may answer a frame later (a binary frame's 1003 can come after
     * that pong, or give way to a 1002 or 1007 the next frame draws at once). Every close the server sends counts, if
     * its code is a documented one.
     */
    private int fuzz(Random random) {
        String room = uniqueRoom("fuzz");
        int handled = 0;
        int connections = 0;
        Map<Integer, Integer> closes = new TreeMap<>();
        while (handled < FRAMES) {
            connections++;
            String path = random.nextInt(4) == 0 ? "/echo" : chatPath(room, "f" + connections);
            // A refused or failed connect ends the test: the server must keep accepting throughout.
            try (RawClient raw = RawClient.connect(base, path)) {
                int batch = 1 + random.nextInt(40);
                for (int i = 0; i < batch && handled < FRAMES; i++) {
                    sendOne(raw, random);
                    int closed = raw.probe();
                    handled++;
                    if (closed >= 0) {
                        assertTrue(DOCUMENTED_CLOSES.contains(closed), "undocumented close code " + closed);
                        closes.merge(closed, 1, Integer::sum);
                        break;
                    }
                }
            }
        }
        LOG.infof("fuzz: server closes by code: %s", closes);
        return connections;
    }

    private static void sendOne(RawClient raw, Random random) {
        int kind = random.nextInt(100);
        if (kind < 45) {
            raw.send(RawClient.TEXT, mutate(VALID[random.nextInt(VALID.length)].getBytes(StandardCharsets.UTF_8),
                    random), true);
        } else if (kind < 60) {
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            raw.send(RawClient.TEXT, junk, true);
        } else if (kind < 80) {
            fragmented(raw, mutate(VALID[random.nextInt(VALID.length)].getBytes(StandardCharsets.UTF_8), random),
                    random);
        } else if (kind < 90) {
            raw.send(RawClient.PING, new byte[random.nextInt(100)], true);
        } else if (kind < 94) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            raw.send(RawClient.BINARY, junk, true);
        } else if (kind < 96) {
            // A reserved opcode (3-7, 11-15) or reserved bits (RSV1-3, no extension was negotiated).
            int opcode = random.nextBoolean() ? (3 + random.nextInt(5)) + (random.nextBoolean() ? 8 : 0)
                    : RawClient.TEXT | (0x10 << random.nextInt(3));
            raw.send(opcode, VALID[0].getBytes(StandardCharsets.UTF_8), true);
        } else {
            raw.send(RawClient.TEXT, VALID[random.nextInt(VALID.length)].getBytes(StandardCharsets.UTF_8), true);
        }
    }

    /** Flips, drops, duplicates or inserts a few bytes. */
    private static byte[] mutate(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        int edits = random.nextInt(4);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] = (byte) (' ' + random.nextInt(95));
                case 2 -> bytes = Arrays.copyOf(bytes, at);
                default -> bytes[at] ^= (byte) (1 << random.nextInt(8));
            }
        }
        return bytes;
    }

    /** Sends {@code payload} as a text message split into random fragments. */
    private static void fragmented(RawClient raw, byte[] payload, Random random) {
        int offset = 0;
        boolean first = true;
        do {
            int size = Math.min(payload.length - offset, 1 + random.nextInt(Math.max(1, payload.length)));
            boolean fin = offset + size >= payload.length;
            raw.send(first ? RawClient.TEXT : RawClient.CONTINUATION,
                    Arrays.copyOfRange(payload, offset, offset + size), fin);
            offset += size;
            first = false;
        } while (offset < payload.length);
    }
}
