package org.acme.chat.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens chat connections (protocol v1) with Vert.x: one {@link WebSocketClient} per source address, used
 * round-robin, on {@code threads} event loops. A join succeeds when the server's {@code welcome} arrives and fails
 * with a short reason (the HTTP status and body of a refused upgrade, a connect error, a close, a timeout).
 */
final class ChatClient implements AutoCloseable {

    private final Vertx vertx;
    private final Target target;
    private final List<WebSocketClient> clients = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final long timeoutMillis;

    ChatClient(Target target, int threads, Duration timeout) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(threads).setPreferNativeTransport(true));
        this.target = target;
        this.timeoutMillis = timeout.toMillis();
        for (String source : target.sources()) {
            clients.add(vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setLocalAddress(source)
                    .setMaxConnections(Integer.MAX_VALUE)
                    .setConnectTimeout((int) timeoutMillis)
                    .setTcpNoDelay(true)
                    // A welcome lists every member: 1,000 members is about 80 KB in one frame.
                    .setMaxFrameSize(16 * 1024 * 1024)
                    .setMaxMessageSize(16 * 1024 * 1024)));
        }
    }

    Vertx vertx() {
        return vertx;
    }

    /** The socket transport in use: native epoll where it loads, else Java NIO (and why). */
    String transport() {
        if (vertx.isNativeTransportEnabled()) {
            return "native epoll";
        }
        Throwable cause = vertx.unavailableNativeTransportCause();
        return "Java NIO" + (cause == null ? "" : " (epoll unavailable: " + cause.getMessage() + ")");
    }

    /** Joins {@code roomName} as {@code name}; {@code room} is the caller's own number for that room. */
    Future<Member> join(String roomName, String name, int room, Member.Listener listener) {
        return join(new WebSocketConnectOptions().setHost(target.host()).setPort(target.port())
                .setURI(Target.chatUri(roomName, name)), room, listener);
    }

    /** Joins with the given host, port, request URI (e.g. with {@code &since=}) and subprotocols. */
    Future<Member> join(WebSocketConnectOptions options, int room, Member.Listener listener) {
        Promise<Member> welcomed = Promise.promise();
        WebSocketClient client = nextClient();
        // Handlers go on before the connect, so that a welcome in the same packet as the 101 cannot be missed.
        ClientWebSocket socket = client.webSocket();
        Member member = new Member(room, socket, welcomed, listener);
        socket.connect(options).onComplete(connected -> {
            if (connected.failed()) {
                welcomed.tryFail(reason(connected.cause()));
                return;
            }
            long timer = vertx.setTimer(timeoutMillis, id -> {
                if (welcomed.tryFail("no welcome within " + timeoutMillis + " ms")) {
                    member.close();
                }
            });
            welcomed.future().onComplete(done -> vertx.cancelTimer(timer));
        });
        return welcomed.future();
    }

    /** The next source address's client, round-robin. */
    WebSocketClient nextClient() {
        return clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("closing Vert.x: " + e);
        }
    }

    /** A reason short and stable enough to count failures by. */
    static String reason(Throwable cause) {
        if (cause instanceof UpgradeRejectedException rejected) {
            Buffer body = rejected.getBody();
            String text = body == null ? "" : body.toString(StandardCharsets.UTF_8).strip();
            int eol = text.indexOf('\n');
            String first = eol < 0 ? text : text.substring(0, eol);
            return "HTTP " + rejected.getStatus() + (first.isEmpty() ? "" : " " + first);
        }
        if (cause instanceof ConnectException) {
            return "connect failed: " + cause.getMessage();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
