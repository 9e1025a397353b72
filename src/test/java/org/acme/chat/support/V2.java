package org.acme.chat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Protocol v2 in tests: connecting to {@code /ws}, the client frames, and reading past frames of other types. */
public final class V2 {

    /** Frames {@link #until} reads past before it gives up: a test never waits on an unbounded stream. */
    private static final int MAX_SKIPPED = 50;

    private V2() {
    }

    /** {@code /ws?name=…&client=…} ({@code client} null: none). */
    public static String path(String name, String client) {
        return "/ws?name=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                + (client == null ? "" : "&client=" + client);
    }

    /** Connects as {@code name} with {@code client} and reads the {@code hello}. */
    public static WsClient connect(URI base, String name, String client) {
        WsClient ws = WsClient.connect(base, path(name, client));
        ws.next("hello");
        return ws;
    }

    /** Joins {@code room} and returns {@code joined} (frames before it, of other rooms, are read past). */
    public static JsonObject join(WsClient ws, String room) {
        ws.send(new JsonObject().put("type", "join").put("room", room));
        return until(ws, "joined");
    }

    public static JsonObject frame(String type, String room) {
        return new JsonObject().put("type", type).put("room", room);
    }

    public static JsonObject message(String room, String text) {
        return frame("message", room).put("text", text);
    }

    /** The next frame of {@code type}, reading past (at most {@link #MAX_SKIPPED}) frames of other types. */
    public static JsonObject until(WsClient ws, String type) {
        List<JsonObject> skipped = new ArrayList<>();
        while (skipped.size() < MAX_SKIPPED) {
            JsonObject next = ws.next();
            if (type.equals(next.getString("type"))) {
                return next;
            }
            skipped.add(next);
        }
        throw new AssertionError("no '" + type + "' frame among " + skipped);
    }

    /** The next frame of {@code type}, which must be about {@code room}. */
    public static JsonObject until(WsClient ws, String type, String room) {
        JsonObject frame = until(ws, type);
        assertEquals(room, frame.getString("room"), () -> "a '" + type + "' frame of another room: " + frame);
        return frame;
    }
}
