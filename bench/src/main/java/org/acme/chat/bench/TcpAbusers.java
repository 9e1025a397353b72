package org.acme.chat.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak's raw TCP abusers: connections that send nothing at all, and connections that send half a request line
 * ({@code GET /chat/...} without its end) and then nothing. Each slot reconnects a second after the server closes it.
 * What the server did is tallied: the first line of any answer, and how long it kept the connection
 * ({@link #age(long)}); connections still open at the end are counted as such.
 */
final class TcpAbusers {

    private static final String HALF_LINE = "GET /chat/soak-half?name=half HTTP/1.1\r\nHost: 127.0.0.1";

    private final Vertx vertx;
    private final List<NetClient> clients = new ArrayList<>();
    private final Router router;
    private final Failures outcomes;
    private final Map<NetSocket, String> open = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private final AtomicInteger next = new AtomicInteger();

    TcpAbusers(Vertx vertx, List<String> sources, Router router, Failures outcomes) {
        this.vertx = vertx;
        this.router = router;
        this.outcomes = outcomes;
        for (String source : sources) {
            clients.add(vertx.createNetClient(new NetClientOptions().setLocalAddress(source).setConnectTimeout(5_000)));
        }
    }

    void start(int idle, int halfLines) {
        for (int i = 0; i < idle; i++) {
            open("idle TCP connection", null);
        }
        for (int i = 0; i < halfLines; i++) {
            open("half request line", HALF_LINE);
        }
    }

    /** Stops reconnecting; counts and closes what is still open. */
    void stop() {
        stopped = true;
        open.forEach((socket, kind) -> {
            outcomes.add(kind + ": still open at the end");
            socket.close();
        });
    }

    private void open(String kind, String send) {
        int port = router.pick();
        if (stopped) {
            return;
        }
        if (port < 0) {
            vertx.setTimer(1_000, id -> open(kind, send));
            return;
        }
        NetClient client = clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
        client.connect(port, "127.0.0.1").onComplete(connected -> {
            if (connected.failed()) {
                outcomes.add(kind + ": connect failed: " + connected.cause().getMessage());
                vertx.setTimer(1_000, id -> open(kind, send));
                return;
            }
            NetSocket socket = connected.result();
            long since = System.nanoTime();
            boolean[] answered = {false};
            open.put(socket, kind);
            socket.handler(data -> {
                if (!answered[0]) {
                    answered[0] = true;
                    outcomes.add(kind + ": answered " + firstLine(data));
                }
            });
            socket.closeHandler(v -> {
                if (open.remove(socket) != null && !stopped) {
                    outcomes.add(kind + ": closed by the server " + age(System.nanoTime() - since));
                    vertx.setTimer(1_000, id -> open(kind, send));
                }
            });
            if (send != null) {
                socket.write(send);
            }
        });
    }

    static String firstLine(Buffer data) {
        String text = data.toString(StandardCharsets.ISO_8859_1);
        int eol = text.indexOf('\r');
        return eol < 0 ? text.strip() : text.substring(0, eol);
    }

    /** A coarse bucket for how long a connection lasted, so that the tally stays short. */
    static String age(long nanos) {
        double seconds = nanos / 1e9;
        if (seconds < 1) {
            return "within 1 s";
        }
        if (seconds < 10) {
            return "after 1-10 s";
        }
        if (seconds < 60) {
            return "after 10-60 s";
        }
        return "after 60 s or more";
    }
}
