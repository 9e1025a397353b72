package org.acme.chat.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends the messages of one step at a fixed total rate: message {@code i} is due at {@code start + i / rate} and goes
 * out from publisher {@code i % publishers}. A 1 ms timer on one event loop sends whatever is due, so a busy
 * generator sends late rather than skipping; how late ({@link Sent#maxLagMs()}) is reported, because a generator that
 * cannot keep its schedule offers less than the rate it was asked for.
 */
final class Pacer {

    /** What was sent: how many, from when to when (process nanos), and the worst lag behind schedule. */
    record Sent(int messages, long firstNanos, long lastNanos, double maxLagMs) {

        double seconds() {
            return (lastNanos - firstNanos) / 1e9;
        }
    }

    private Pacer() {
    }

    static CompletableFuture<Sent> send(Vertx vertx, List<Member> publishers, int step, int messages, double rate,
            int size) {
        CompletableFuture<Sent> done = new CompletableFuture<>();
        if (messages == 0) {
            done.complete(new Sent(0, Payload.now(), Payload.now(), 0));
            return done;
        }
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            long start = Payload.now();
            double nanosPerMessage = 1e9 / rate;
            long[] state = {0, 0}; // messages sent so far, worst lag in nanos
            vertx.setPeriodic(1, timer -> {
                long now = Payload.now();
                long due = Math.min(messages, (long) ((now - start) / nanosPerMessage) + 1);
                while (state[0] < due) {
                    int i = (int) state[0]++;
                    long sendNanos = Payload.now();
                    state[1] = Math.max(state[1], sendNanos - start - (long) (i * nanosPerMessage));
                    publishers.get(i % publishers.size()).sendPlainText(Payload.encode(step, i, sendNanos, size));
                }
                if (state[0] == messages) {
                    vertx.cancelTimer(timer);
                    done.complete(new Sent(messages, start, Payload.now(), state[1] / 1e6));
                }
            });
        });
        return done;
    }
}
