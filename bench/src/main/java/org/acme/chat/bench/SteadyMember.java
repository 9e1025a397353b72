package org.acme.chat.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A member that stays in its room for the whole run, posts numbered messages (text and {@code ref}
 * {@code steady-<n>}) and counts every copy it gets into the {@link Ledger}. When its connection ends it reconnects
 * exactly as the bundled page does (chat.js): after 0.5 s doubling to 10 s, halved by jitter, to whichever node the
 * {@link Router} hands out, with {@code since} = the newest message id it has seen, and takes the welcome's
 * {@code history} as the messages it missed. Unlike the page it does not drop repeated ids: a repeat is what the
 * ledger counts as duplicated.
 */
final class SteadyMember implements Member.Listener {

    private static final String PREFIX = "steady-";

    private final int index;
    private final int room;
    private final String roomName;
    private final String name;
    private final ChatClient client;
    private final Router router;
    private final Ledger ledger;
    private final Failures events;
    private volatile Member current;
    private volatile String lastId;
    private volatile boolean stopped;
    private volatile int attempt;

    SteadyMember(int index, int room, String roomName, ChatClient client, Router router, Ledger ledger,
                 Failures events) {
        this.index = index;
        this.room = room;
        this.roomName = roomName;
        this.name = "steady" + index;
        this.client = client;
        this.router = router;
        this.ledger = ledger;
        this.events = events;
        ledger.member(index, room);
    }

    /** Joins (or rejoins); the future completes with the first welcome or fails with the refusal. */
    Future<Member> connect() {
        int port = router.pick();
        if (port < 0) {
            events.add("no ready node to join");
            retry();
            return Future.failedFuture("no ready node");
        }
        String uri = Target.chatUri(roomName, name)
                + (lastId == null ? "" : "&since=" + URLEncoder.encode(lastId, StandardCharsets.UTF_8));
        return client.join(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri), room, this)
                .onSuccess(this::welcomed)
                .onFailure(failure -> {
                    events.add("join refused: " + failure.getMessage());
                    retry();
                });
    }

    /** Posts the next message if connected. */
    void post() {
        Member member = current;
        if (member == null || !member.isOpen() || stopped) {
            return;
        }
        int number = ledger.post(room);
        member.sendText("{\"type\":\"message\",\"text\":\"" + PREFIX + number + "\",\"ref\":\"" + PREFIX + number
                + "\"}");
    }

    void stop() {
        stopped = true;
        Member member = current;
        if (member != null) {
            member.close();
        }
    }

    private void welcomed(Member member) {
        attempt = 0;
        current = member;
        JsonObject welcome = new JsonObject(member.welcome());
        if (welcome.containsKey("recovered")) {
            events.add(welcome.getBoolean("recovered") ? "resumed, recovered:true"
                    : "resumed, recovered:false (" + welcome.getString("reason") + ")");
        }
        JsonArray history = welcome.getJsonArray("history", new JsonArray());
        for (int i = 0; i < history.size(); i++) {
            message(history.getJsonObject(i));
        }
        if (stopped) {
            member.close();
        }
    }

    @Override
    public void onFrame(Member member, Frames.Kind kind, Buffer frame) {
        if (kind == Frames.Kind.MESSAGE) {
            message(new JsonObject(frame));
        } else if (kind == Frames.Kind.OTHER) {
            JsonObject json = new JsonObject(frame);
            String ref = json.getString("ref");
            if ("ack".equals(json.getString("type")) && ref != null && ref.startsWith(PREFIX)) {
                ledger.acked(Integer.parseInt(ref.substring(PREFIX.length())));
            }
        } else if (kind == Frames.Kind.ERROR) {
            events.add("error " + new JsonObject(frame).getString("code"));
        }
    }

    @Override
    public void onClose(Member member, String reason) {
        events.add(reason);
        current = null;
        retry();
    }

    private void message(JsonObject message) {
        String id = message.getString("id");
        if (id != null && (lastId == null || compareIds(id, lastId) > 0)) {
            lastId = id;
        }
        String text = message.getString("text", "");
        if (text.startsWith(PREFIX)) {
            ledger.received(index, Integer.parseInt(text.substring(PREFIX.length())));
        }
    }

    private void retry() {
        if (stopped) {
            return;
        }
        long delay = Math.min(10_000, 500L << Math.min(attempt, 5));
        attempt++;
        long jittered = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        client.vertx().setTimer(jittered, id -> connect());
    }

    /** Orders message ids {@code <ms>-<seq>} by ms, then seq, as numbers (protocol.md). */
    static int compareIds(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        int byMs = Long.compare(Long.parseLong(a.substring(0, da)), Long.parseLong(b.substring(0, db)));
        return byMs != 0 ? byMs : Long.compare(Long.parseLong(a.substring(da + 1)), Long.parseLong(b.substring(db + 1)));
    }
}
