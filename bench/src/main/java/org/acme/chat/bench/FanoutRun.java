package org.acme.chat.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The connections of a fan-out benchmark, {@code rooms} x {@code members}, all in this process so that every latency
 * is measured on the clock that stamped the message. Publisher {@code p} is member {@code p / rooms} of room
 * {@code p % rooms}, so publishers are spread over the rooms first. Steps run one after another on the same
 * connections; each has its own {@link Delivery}.
 */
final class FanoutRun implements AutoCloseable, Member.Listener {

    private final ChatClient client;
    private final ServerProcess server;
    private final ServerMetrics metrics;
    private final int members;
    private final List<Member> publishers = new ArrayList<>();
    private final int[] publisherRoom;
    private final Failures closes = new Failures();
    private final Failures errors = new Failures();
    private AtomicReferenceArray<Member> all;
    private volatile Delivery current;
    private volatile long lastMessageNanos;

    private FanoutRun(ChatClient client, ServerProcess server, ServerMetrics metrics, int rooms, int members,
            int publishers) {
        this.client = client;
        this.server = server;
        this.metrics = metrics;
        this.members = members;
        this.publisherRoom = new int[publishers];
        for (int p = 0; p < publishers; p++) {
            publisherRoom[p] = p % rooms;
        }
    }

    /** Describes the run, then joins every member, or throws with the reasons if any join fails. */
    static FanoutRun open(ChatClient client, FanoutOptions options) {
        options.describe(client);
        int rooms = options.rooms();
        int members = options.members();
        int publishers = options.publishers();
        String roomPrefix = options.roomPrefix();
        if (publishers < 1 || publishers > rooms * members) {
            throw new IllegalArgumentException("--publishers must be between 1 and rooms x members");
        }
        ServerMetrics metrics = new ServerMetrics(options.target(), options.managementPort());
        FanoutRun run = new FanoutRun(client, options.server(), metrics, rooms, members, publishers);
        int total = rooms * members;
        Opener.Batch batch = Opener.open(total, options.concurrency(),
                i -> client.join(roomPrefix + (i % rooms), "m" + (i / rooms), i % rooms, run)).join();
        Report.line("joined:     %,d of %,d members in %.2f s (connect to welcome: %s); failures: %s",
                batch.welcomed(), total, batch.nanos() / 1e9, Histograms.summaryMs(batch.joinMicros()),
                batch.failures());
        if (batch.welcomed() < total) {
            run.closeMembers(batch.members());
            throw new IllegalStateException("not every member could join: " + batch.failures());
        }
        AtomicReferenceArray<Member> all = batch.members();
        for (int p = 0; p < publishers; p++) {
            run.publishers.add(all.get((p / rooms) * rooms + p % rooms));
        }
        run.all = all;
        return run;
    }

    /** Sends {@code rate} messages/s for {@code duration}, then waits up to {@code drain} for the last copies. */
    StepResult step(int step, double rate, Duration duration, Duration drain, int size) {
        int messages = (int) Math.round(rate * duration.toMillis() / 1000.0);
        Delivery delivery = new Delivery(step, messages, members, publisherRoom);
        long closesBefore = closes.total();
        long errorsBefore = errors.total();
        CpuMeter generatorCpu = CpuMeter.self();
        CpuMeter serverCpu = server == null ? null : CpuMeter.start(List.of(server.pid));
        double allocatedBefore = metrics.allocatedBytes();
        current = delivery;
        Pacer.Sent sent = Pacer.send(client.vertx(), publishers, step, messages, rate, size).join();
        try {
            delivery.allArrived().get(drain.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Reported as missing copies.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new CompletionException(e);
        }
        double allocated = metrics.allocatedBytes() - allocatedBefore;
        return delivery.result(sent, rate, closes.total() - closesBefore, errors.total() - errorsBefore,
                generatorCpu.cores(), serverCpu == null ? Double.NaN : serverCpu.cores(),
                serverCpu == null ? Double.NaN : serverCpu.seconds(), allocated);
    }

    /**
     * Waits until no message has arrived for {@code quiet} (at most {@code limit}), so that copies still in flight
     * from an overloaded step do not load the next one; returns false if the stream did not go quiet. Pacing only:
     * late copies are never counted either way.
     */
    boolean settle(Duration quiet, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - lastMessageNanos < quiet.toNanos()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    Failures closes() {
        return closes;
    }

    Failures errors() {
        return errors;
    }

    @Override
    public void onFrame(Member member, Frames.Kind kind, Buffer frame) {
        if (kind == Frames.Kind.MESSAGE) {
            lastMessageNanos = System.nanoTime();
            Delivery delivery = current;
            if (delivery != null) {
                delivery.onMessage(member.room, frame);
            }
        } else if (kind == Frames.Kind.ERROR) {
            errors.add("error frame " + new JsonObject(frame).getString("code"));
        }
    }

    @Override
    public void onClose(Member member, String reason) {
        closes.add(reason);
    }

    @Override
    public void close() {
        closeMembers(all);
    }

    private void closeMembers(AtomicReferenceArray<Member> members) {
        if (members == null) {
            return;
        }
        for (int i = 0; i < members.length(); i++) {
            Member m = members.get(i);
            if (m != null) {
                m.close();
            }
        }
    }
}
