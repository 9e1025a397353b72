package org.acme.chat.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The WebSocket abusers of the soak, running next to the steady members from their own source addresses: churners
 * (join a steady room, post once, leave), flooders (far over the frame budget, rejoining after each close),
 * never-readers (join the busiest room and stop reading), oversized frames (just over {@code chat.max-frame-bytes}
 * and over twice it), fragmented messages (one message in many continuation frames) and bad
 * {@code quarkus-http-upgrade#} subprotocols. What each saw (an HTTP status, a close code and reason, an error code,
 * or that nothing happened) is tallied by kind; the tally is generic, so a changed limit shows up as a changed line.
 */
final class WsAbusers {

    private static final String[] SUBPROTOCOLS = {
        "quarkus-http-upgrade#",
        "quarkus-http-upgrade#Authorization#Bearer%20not-a-token",
        "quarkus-http-upgrade#Host#evil.example",
        "quarkus-http-upgrade#Bad%ZZ#value",
        "quarkus-http-upgrade#X-Long#" + "a".repeat(6000),
    };

    private final SoakOptions options;
    private final ChatClient client;
    private final Router router;
    private final List<String> steadyRooms;
    private final String abuseRoom;
    private final Failures outcomes;
    private final AtomicInteger names = new AtomicInteger();
    private final List<Member> neverReaders = new ArrayList<>();
    private final List<Long> timers = new ArrayList<>();
    private volatile boolean stopped;

    WsAbusers(SoakOptions options, ChatClient client, Router router, List<String> steadyRooms, String abuseRoom,
              Failures outcomes) {
        this.options = options;
        this.client = client;
        this.router = router;
        this.steadyRooms = steadyRooms;
        this.abuseRoom = abuseRoom;
        this.outcomes = outcomes;
    }

    void start() {
        if (options.churnRate() > 0) {
            timers.add(client.vertx().setPeriodic(Math.max(1, Math.round(1000 / options.churnRate())), id -> churn()));
        }
        for (int i = 0; i < options.flooders(); i++) {
            flood();
        }
        for (int i = 0; i < options.neverReaders(); i++) {
            neverRead();
        }
        timers.add(client.vertx().setPeriodic(5_000, id -> oversized()));
        timers.add(client.vertx().setPeriodic(5_000, id -> fragmented()));
        timers.add(client.vertx().setPeriodic(2_000, id -> badSubprotocol()));
    }

    /** Stops every abuser; the never-readers read again, so that what the server did to them is seen. */
    void stop() {
        stopped = true;
        timers.forEach(client.vertx()::cancelTimer);
        synchronized (neverReaders) {
            neverReaders.forEach(member -> member.reading(true));
        }
    }

    /** Tallies the never-readers still open after {@link #stop()} had them read again, and closes them. */
    void finish() {
        synchronized (neverReaders) {
            for (Member member : neverReaders) {
                if (member.isOpen()) {
                    outcomes.add("never-reader: still open at the end");
                    member.close();
                }
            }
        }
    }

    /** A refusal as a tally key: a server's per-request error id is left out, so that one cause is one line. */
    static String reason(String text) {
        return text.replaceAll("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}(-\\d+)?", "<id>");
    }

    private WebSocketConnectOptions join(String room, String prefix) {
        return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(router.pick())
                .setURI(Target.chatUri(room, prefix + names.incrementAndGet()));
    }

    private Member.Listener tally(String kind) {
        return new Member.Listener() {
            @Override
            public void onFrame(Member member, Frames.Kind frameKind, Buffer frame) {
                if (frameKind == Frames.Kind.ERROR) {
                    outcomes.add(kind + ": error " + new JsonObject(frame).getString("code"));
                }
            }

            @Override
            public void onClose(Member member, String reason) {
                outcomes.add(kind + ": " + reason);
            }
        };
    }

    private String randomSteadyRoom() {
        return steadyRooms.get(ThreadLocalRandom.current().nextInt(steadyRooms.size()));
    }

    private void churn() {
        if (router.pick() < 0) {
            return;
        }
        client.join(join(randomSteadyRoom(), "churn"), -1, tally("churner")).onComplete(joined -> {
            if (joined.failed()) {
                outcomes.add("churner: " + joined.cause().getMessage());
                return;
            }
            joined.result().sendText("{\"type\":\"message\",\"text\":\"churn\"}");
            client.vertx().setTimer(200, id -> joined.result().close());
            outcomes.add("churner: joined, posted, left");
        });
    }

    private void flood() {
        if (stopped) {
            return;
        }
        String text = "{\"type\":\"message\",\"text\":\"" + "f".repeat(1000) + "\"}";
        Member.Listener listener = new Member.Listener() {
            @Override
            public void onFrame(Member member, Frames.Kind kind, Buffer frame) {
                if (kind == Frames.Kind.ERROR) {
                    outcomes.add("flooder: error " + new JsonObject(frame).getString("code"));
                }
            }

            @Override
            public void onClose(Member member, String reason) {
                outcomes.add("flooder: " + reason);
                client.vertx().setTimer(1_000, id -> flood());
            }
        };
        client.join(join(steadyRooms.get(0), "flood"), -1, listener).onComplete(joined -> {
            if (joined.failed()) {
                outcomes.add("flooder: " + joined.cause().getMessage());
                client.vertx().setTimer(1_000, id -> flood());
                return;
            }
            Member member = joined.result();
            client.vertx().setPeriodic(10, id -> {
                if (!member.isOpen() || stopped) {
                    client.vertx().cancelTimer(id);
                    if (stopped) {
                        member.close();
                    }
                    return;
                }
                member.sendText(text);
            });
        });
    }

    private void neverRead() {
        client.join(join(steadyRooms.get(0), "deaf"), -1, tally("never-reader")).onComplete(joined -> {
            if (joined.failed()) {
                outcomes.add("never-reader: " + joined.cause().getMessage());
                return;
            }
            joined.result().reading(false);
            synchronized (neverReaders) {
                neverReaders.add(joined.result());
            }
        });
    }

    private void oversized() {
        boolean twice = ThreadLocalRandom.current().nextBoolean();
        int size = twice ? 2 * options.maxFrameBytes() + 1 : options.maxFrameBytes() + 1;
        String kind = "oversized frame (" + (twice ? "2x limit + 1" : "limit + 1") + " bytes)";
        onceThenClose(kind, member -> {
            String head = "{\"type\":\"message\",\"text\":\"";
            member.sendText(head + "o".repeat(size - head.length() - 2) + "\"}");
        });
    }

    private void fragmented() {
        onceThenClose("fragmented message (" + options.fragments() + " frames)", member -> {
            // One valid message, padded with JSON whitespace to 8 bytes a fragment.
            String json = "{\"type\":\"message\",\"text\":\"fragmented\"";
            StringBuilder whole = new StringBuilder(json);
            whole.append(" ".repeat(Math.max(0, options.fragments() * 8 - json.length() - 1))).append('}');
            int parts = options.fragments();
            int step = Math.max(1, whole.length() / parts);
            for (int i = 0, at = 0; i < parts && at < whole.length(); i++, at += step) {
                boolean last = i == parts - 1 || at + step >= whole.length();
                Buffer part = Buffer.buffer(whole.substring(at, last ? whole.length() : at + step));
                member.write(i == 0 ? WebSocketFrame.textFrame(part.toString(), last)
                        : WebSocketFrame.continuationFrame(part, last));
                if (last) {
                    break;
                }
            }
        });
    }

    /** Joins the abuse room, does one bad thing, and tallies the first answer (or the close) within 5 s. */
    private void onceThenClose(String kind, Consumer<Member> act) {
        if (stopped || router.pick() < 0) {
            return;
        }
        boolean[] answered = {false};
        Member.Listener listener = new Member.Listener() {
            @Override
            public void onFrame(Member member, Frames.Kind frameKind, Buffer frame) {
                if (!answered[0] && (frameKind == Frames.Kind.ERROR || frameKind == Frames.Kind.MESSAGE)) {
                    answered[0] = true;
                    outcomes.add(kind + ": " + (frameKind == Frames.Kind.ERROR
                            ? "error " + new JsonObject(frame).getString("code") : "accepted (message delivered)"));
                    member.close();
                }
            }

            @Override
            public void onClose(Member member, String reason) {
                if (!answered[0]) {
                    answered[0] = true;
                    outcomes.add(kind + ": " + reason);
                }
            }
        };
        // A room of its own: another abuser's message is no answer to this one.
        client.join(join(abuseRoom + "-" + names.get(), "bad"), -1, listener).onComplete(joined -> {
            if (joined.failed()) {
                outcomes.add(kind + ": join " + reason(joined.cause().getMessage()));
                return;
            }
            act.accept(joined.result());
            client.vertx().setTimer(5_000, id -> {
                if (!answered[0]) {
                    answered[0] = true;
                    outcomes.add(kind + ": no answer within 5 s");
                    joined.result().close();
                }
            });
        });
    }

    private void badSubprotocol() {
        if (stopped || router.pick() < 0) {
            return;
        }
        int which = ThreadLocalRandom.current().nextInt(SUBPROTOCOLS.length);
        String shown = SUBPROTOCOLS[which].length() > 40 ? SUBPROTOCOLS[which].substring(0, 40) + "..."
                : SUBPROTOCOLS[which];
        WebSocketConnectOptions connect = join(abuseRoom, "proto").setSubProtocols(List.of("chat.v1",
                SUBPROTOCOLS[which]));
        client.join(connect, -1, Member.IDLE).onComplete(joined -> {
            if (joined.failed()) {
                outcomes.add("subprotocol " + shown + ": " + reason(joined.cause().getMessage()));
            } else {
                outcomes.add("subprotocol " + shown + ": welcomed");
                joined.result().close();
            }
        });
    }
}
