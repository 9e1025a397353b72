package org.acme.chat.logging;

import static org.acme.chat.support.Names.chatPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acme.chat.support.Frames;
import org.acme.chat.support.PackagedApp;
import org.acme.chat.support.TestTokens;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * The packaged app with {@code chat.log.json} (as in prod) and the chat's own DEBUG lines on: from start-up on every
 * line is one JSON object; every line about a connection carries its id in {@code mdc.connection}; and no line holds
 * a room's name, a user's name, a message's text, a token or the client's address, not even at DEBUG.
 */
class JsonLogsIT {

    private static final String ROOM = "secret-room-7q";
    private static final String USER = "zelda-7q";
    private static final String LATE = "late-7q";
    private static final String TEXT = "private words 7q";

    @Test
    void everyLineIsJsonAndConnectionLinesCarryTheirId() throws Exception {
        Map<String, String> config = new HashMap<>(TestTokens.appConfig());
        config.put("chat.log.json", "true");
        config.put("quarkus.log.category.\"org.acme.chat\".level", "DEBUG");
        String token = TestTokens.token(USER, List.of(ROOM), Duration.ofHours(1));
        String expired = TestTokens.token(LATE, List.of(ROOM), Duration.ofSeconds(-60));
        String chat;
        Path log;
        try (PackagedApp app = PackagedApp.start("json-logs-it", config)) {
            assertEquals(401, WsClient.rejectedStatus(app.base(), chatPath(ROOM, LATE), TestTokens.bearer(expired)));
            try (WsClient alice = WsClient.connect(app.base(), chatPath(ROOM, USER), TestTokens.bearer(token));
                    WsClient echoing = WsClient.connect(app.base(), "/echo", TestTokens.bearer(token))) {
                chat = alice.next("welcome").getJsonObject("you").getString("id");
                alice.send(Frames.message(TEXT));
                alice.next("message");
                echoing.send(TEXT);
                assertEquals(TEXT, echoing.nextText());
            }
            app.terminate();
            app.awaitExit(Duration.ofSeconds(20));
            log = app.log();
        }

        List<String> lines = Files.readAllLines(log);
        List<JsonObject> json = new ArrayList<>();
        boolean started = false;
        for (String line : lines) {
            started |= line.startsWith("{");
            if (started) {
                json.add(new JsonObject(line)); // fails on any line that is not one JSON object
            }
        }
        assertTrue(json.stream().anyMatch(line -> line.getString("message").contains("started in")),
                "Quarkus's start-up line is JSON already");

        JsonObject closed = json.stream().filter(line -> line.getString("message").equals("connection " + chat + " closed"))
                .findFirst().orElseThrow(() -> new AssertionError("no DEBUG line for the close of " + chat));
        assertEquals(chat, closed.getJsonObject("mdc").getString(ConnectionLog.MDC_KEY));
        List<JsonObject> about = json.stream().filter(line -> line.getString("loggerName").startsWith("org.acme.chat")
                && line.getString("message").matches(".*connection [0-9a-f-]{36}.*")).toList();
        assertTrue(about.size() >= 3, () -> "lines about connections: " + about);
        for (JsonObject line : about) {
            String id = line.getJsonObject("mdc").getString(ConnectionLog.MDC_KEY);
            assertTrue(id != null && line.getString("message").contains(id), () -> "without its id: " + line);
        }

        for (String line : lines) {
            for (String secret : List.of(ROOM, USER, LATE, TEXT, token, expired, "127.0.0.1")) {
                assertFalse(line.contains(secret), () -> "the log holds '" + secret + "': " + line);
            }
        }
    }
}
