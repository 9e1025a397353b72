package org.acme.chat.support;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** Reads fields out of protocol frames received by a test client. */
public final class Frames {

    private Frames() {
    }

    /** A client {@code message} frame with {@code text}. */
    public static JsonObject message(String text) {
        return new JsonObject().put("type", "message").put("text", text);
    }

    /** The name of the member a {@code join} or {@code leave} is about. */
    public static String memberName(JsonObject presence) {
        return presence.getJsonObject("member").getString("name");
    }

    /** The name of the member who posted a {@code message}. */
    public static String senderName(JsonObject message) {
        return message.getJsonObject("from").getString("name");
    }

    /** The names in a {@code welcome}'s member list, sorted. */
    public static List<String> memberNames(JsonObject welcome) {
        return welcome.getJsonArray("members").stream().map(m -> ((JsonObject) m).getString("name")).sorted().toList();
    }
}
