package org.acme.chat.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The child process of the connect scenario ({@code connect-worker}): holds idle chat connections from its own
 * source address and takes commands on stdin, one per line, answering on stdout:
 * <pre>
 * open N   -> "failure COUNT REASON" lines, then "opened WELCOMED FAILED NANOS HISTOGRAM"
 * warm N   -> opens N connections in other rooms from --warm-source and closes them again, then "warmed ..." as
 *             for open (another address: the server keeps the closed ones in TIME_WAIT, and a new connection
 *             that happens to reuse such a port would stall for a SYN retransmission)
 * status   -> "lost COUNT REASON" lines, then "held OPEN"
 * close    -> closes every connection, "closed", exits
 * </pre>
 * Connection {@code i} of worker {@code w} is {@code w<w>n<i>} in room {@code <prefix><(i + w) % rooms>}.
 */
final class ConnectWorker implements Member.Listener {

    private final Failures lost = new Failures();
    private final List<Member> members = new ArrayList<>();

    private ConnectWorker() {
    }

    static int run(Args args) throws IOException {
        Target target = Target.from(args);
        int worker = args.integer("worker", 0);
        int rooms = args.integer("rooms", 100);
        int concurrency = args.integer("concurrency", 100);
        String prefix = args.string("room-prefix", "idle-");
        int threads = args.integer("threads", Runtime.getRuntime().availableProcessors());
        String warmSource = args.string("warm-source", null);
        args.rejectUnused();
        ConnectWorker self = new ConnectWorker();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (ChatClient client = new ChatClient(target, threads, Duration.ofSeconds(30))) {
            System.out.println("ready");
            System.out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("open ")) {
                    int offset = self.members.size();
                    Opener.Batch batch = Opener.open(Integer.parseInt(line.substring(5).strip()), concurrency,
                            i -> client.join(prefix + ((offset + i + worker) % rooms),
                                    "w" + worker + "n" + (offset + i), 0, self)).join();
                    self.keep(batch.members());
                    answer("opened", batch);
                } else if (line.startsWith("warm ")) {
                    Target warmTarget = warmSource == null ? target
                            : new Target(target.host(), target.port(), List.of(warmSource));
                    Opener.Batch batch;
                    try (ChatClient warmClient = new ChatClient(warmTarget, threads, Duration.ofSeconds(30))) {
                        batch = Opener.open(Integer.parseInt(line.substring(5).strip()), concurrency,
                                i -> warmClient.join(prefix + "warm-" + ((i + worker) % rooms),
                                        "w" + worker + "n" + i, 0, Member.IDLE)).join();
                        closeAll(batch.members());
                    }
                    answer("warmed", batch);
                } else if (line.equals("status")) {
                    self.lost.counts().forEach((reason, count) ->
                            System.out.println("lost " + count + " " + reason));
                    System.out.println("held " + self.members.stream().filter(Member::isOpen).count());
                } else if (line.equals("close")) {
                    break;
                } else {
                    System.out.println("error unknown command: " + line);
                }
                System.out.flush();
            }
            closeAll(self.members);
        }
        System.out.println("closed");
        System.out.flush();
        return 0;
    }

    private static void answer(String what, Opener.Batch batch) {
        batch.failures().counts().forEach((reason, count) -> System.out.println("failure " + count + " " + reason));
        System.out.println(what + " " + batch.welcomed() + " " + batch.failures().total() + " " + batch.nanos() + " "
                + Histograms.encode(batch.joinMicros()));
    }

    private static void closeAll(AtomicReferenceArray<Member> batch) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < batch.length(); i++) {
            if (batch.get(i) != null) {
                members.add(batch.get(i));
            }
        }
        closeAll(members);
    }

    /** Closes every member and waits (bounded) for the close handshakes. */
    private static void closeAll(List<Member> members) {
        List<Future<Void>> closing = new ArrayList<>();
        members.forEach(m -> closing.add(m.close()));
        try {
            Future.join(closing).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("worker: not every connection closed cleanly: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void keep(AtomicReferenceArray<Member> batch) {
        for (int i = 0; i < batch.length(); i++) {
            if (batch.get(i) != null) {
                members.add(batch.get(i));
            }
        }
    }

    @Override
    public void onFrame(Member member, Frames.Kind kind, Buffer frame) {
        // Idle: presence events and anything else are read and dropped.
    }

    @Override
    public void onClose(Member member, String reason) {
        lost.add(reason);
    }
}
