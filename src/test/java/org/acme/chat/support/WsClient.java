package org.acme.chat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small WebSocket test client on Vert.x core: every received text and binary message goes into a queue, the close
 * status into a future; all waits are bounded. Works against {@code @QuarkusTest} and packaged apps alike.
 */
public final class WsClient implements AutoCloseable {

    /** Bound on every wait of this client. */
    public static final long TIMEOUT_SECONDS = 10;

    private static final Vertx VERTX = Vertx.vertx();

    private final WebSocketClient client;
    private final WebSocket ws;
    private final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Buffer> binaries = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeStatus = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private volatile String closeReason;
    private JsonObject welcome;

    private WsClient(WebSocketClient client, WebSocket ws) {
        this.client = client;
        this.ws = ws;
        ws.textMessageHandler(texts::add);
        ws.binaryMessageHandler(binaries::add);
        // Counted only; Vert.x answers every ping with a pong by itself.
        ws.frameHandler(frame -> {
            if (frame.type() == WebSocketFrameType.PING) {
                pings.incrementAndGet();
            }
        });
        // A dropped TCP connection is an outcome tests assert (1006 below), not an error for Vert.x to log.
        ws.exceptionHandler(failure -> {
        });
        // No close frame (a dropped TCP connection) reads as 1006, as in browsers.
        ws.closeHandler(v -> {
            closeReason = ws.closeReason();
            closeStatus.complete(ws.closeStatusCode() == null ? 1006 : (int) ws.closeStatusCode());
        });
    }

    /** Opens a WebSocket to {@code pathAndQuery} on the server at {@code base}. */
    public static WsClient connect(URI base, String pathAndQuery) {
        return connect(base, pathAndQuery, Map.of());
    }

    /** The same with extra handshake request headers (e.g. {@code Authorization}). */
    public static WsClient connect(URI base, String pathAndQuery, Map<String, String> headers) {
        return connect(base, pathAndQuery, headers, null);
    }

    /**
     * Joins {@code room} as {@code name} from the local address {@code localAddress} (e.g. 127.0.0.3, to reach a
     * per-address limit without touching other tests) and waits for the welcome.
     */
    public static WsClient joinFrom(URI base, String room, String name, String localAddress) {
        return awaitWelcome(connect(base, Names.chatPath(room, name), Map.of(), localAddress));
    }

    private static WsClient connect(URI base, String pathAndQuery, Map<String, String> headers,
            String localAddress) {
        WebSocketClientOptions clientOptions = new WebSocketClientOptions()
                .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22);
        if (localAddress != null) {
            clientOptions.setLocalAddress(localAddress);
        }
        WebSocketClient client = VERTX.createWebSocketClient(clientOptions);
        CompletableFuture<WsClient> opened = new CompletableFuture<>();
        // Connect from the event loop and install the handlers in the completion callback, before the event loop
        // reads the next bytes: the server's first frame can arrive in the same packet as the handshake response.
        VERTX.runOnContext(v -> client.connect(options(base, pathAndQuery, headers)).onComplete(ar -> {
            if (ar.succeeded()) {
                opened.complete(new WsClient(client, ar.result()));
            } else {
                opened.completeExceptionally(ar.cause());
            }
        }));
        try {
            return opened.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            client.close();
            throw new OperationFailed(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            client.close();
            throw new AssertionError("no WebSocket to " + pathAndQuery + " within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /**
     * Joins {@code room} as {@code name} and waits for the welcome, so that the server has run the join before the
     * caller connects anyone else (the handshake completes before the server's @OnOpen runs).
     */
    public static WsClient join(URI base, String room, String name) {
        return join(base, room, name, Map.of());
    }

    /** {@link #join(URI, String, String)} with extra handshake request headers. */
    public static WsClient join(URI base, String room, String name, Map<String, String> headers) {
        return connectAndWelcome(base, Names.chatPath(room, name), headers);
    }

    /** Connects to a chat path with its query as given ({@code since}, say) and waits for the welcome. */
    public static WsClient connectAndWelcome(URI base, String pathAndQuery) {
        return connectAndWelcome(base, pathAndQuery, Map.of());
    }

    private static WsClient connectAndWelcome(URI base, String pathAndQuery, Map<String, String> headers) {
        return awaitWelcome(connect(base, pathAndQuery, headers));
    }

    /** Waits for the client's welcome (closing it if none comes) and returns it. */
    private static WsClient awaitWelcome(WsClient client) {
        try {
            client.welcome = client.next("welcome");
            return client;
        } catch (RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** The welcome frame received by {@link #join}. */
    public JsonObject welcome() {
        return welcome;
    }

    /** Attempts an upgrade that the server must refuse, and returns the HTTP status it answered with. */
    public static int rejectedStatus(URI base, String pathAndQuery) {
        return rejectedStatus(base, pathAndQuery, Map.of());
    }

    /** {@link #rejectedStatus(URI, String)} with extra handshake request headers. */
    public static int rejectedStatus(URI base, String pathAndQuery, Map<String, String> headers) {
        return rejection(base, pathAndQuery, headers).getStatus();
    }

    /** Attempts an upgrade that the server must refuse, and returns its answer: status, headers and body. */
    public static UpgradeRejectedException rejection(URI base, String pathAndQuery) {
        return rejection(base, pathAndQuery, Map.of());
    }

    /** {@link #rejection(URI, String)} with extra handshake request headers. */
    public static UpgradeRejectedException rejection(URI base, String pathAndQuery, Map<String, String> headers) {
        WebSocketClient client = VERTX.createWebSocketClient();
        try {
            WebSocket ws = await(client.connect(options(base, pathAndQuery, headers)));
            ws.close();
            throw new AssertionError("upgrade to " + pathAndQuery + " was accepted");
        } catch (OperationFailed e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected;
            }
            throw e;
        } finally {
            client.close();
        }
    }

    private static WebSocketConnectOptions options(URI base, String pathAndQuery, Map<String, String> headers) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort())
                .setURI(pathAndQuery);
        headers.forEach(options::addHeader);
        return options;
    }

    public void send(String text) {
        await(ws.writeTextMessage(text));
    }

    public void send(JsonObject json) {
        send(json.encode());
    }

    /** Sends unless the server has closed the connection meanwhile; returns whether the frame went out. */
    public boolean trySend(JsonObject json) {
        return unlessClosed(() -> send(json.encode()));
    }

    /** {@link #sendFrame} unless the server has closed the connection meanwhile; returns whether it went out. */
    public boolean trySendFrame(WebSocketFrame frame) {
        return unlessClosed(() -> sendFrame(frame));
    }

    private boolean unlessClosed(Runnable send) {
        try {
            send.run();
            return true;
        } catch (OperationFailed e) {
            if (ws.isClosed()) {
                return false;
            }
            throw e;
        }
    }

    public void sendBinary(Buffer data) {
        await(ws.writeBinaryMessage(data));
    }

    public void sendFrame(WebSocketFrame frame) {
        await(ws.writeFrame(frame));
    }

    /** The next text message, waiting at most {@link #TIMEOUT_SECONDS}. */
    public String nextText() {
        return poll(texts);
    }

    /** The next text message as JSON. */
    public JsonObject next() {
        return new JsonObject(nextText());
    }

    /** The next text message as JSON, waiting at most {@code atMost}: for events known to take longer than usual. */
    public JsonObject next(Duration atMost) {
        return new JsonObject(poll(texts, atMost));
    }

    /** The next text message, which must be of the given {@code type}. */
    public JsonObject next(String type) {
        return ofType(type, next());
    }

    /** The same, waiting at most {@code atMost}. */
    public JsonObject next(String type, Duration atMost) {
        return ofType(type, next(atMost));
    }

    private static JsonObject ofType(String type, JsonObject json) {
        assertEquals(type, json.getString("type"), () -> "expected a '" + type + "' frame but got " + json);
        return json;
    }

    public Buffer nextBinary() {
        return poll(binaries);
    }

    /**
     * Asserts that nothing was received so far that is still unread: sends a ping and expects the pong as the very
     * next frame. Deterministic, since the server answers frames of a connection in order.
     */
    public void assertNothingPending() {
        send(new JsonObject().put("type", "ping"));
        next("pong");
    }

    /** Waits for the server to close the connection and returns the close status code. */
    public int awaitClose() {
        try {
            return closeStatus.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("connection was not closed within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** The reason text of the server's close frame, once closed; {@code null} before or without one. */
    public String closeReason() {
        return closeReason;
    }

    /** How many protocol ping frames the server has sent so far. */
    public int pingsReceived() {
        return pings.get();
    }

    public boolean isClosed() {
        return ws.isClosed();
    }

    /** "open", or how the connection closed so far (code and reason), for assertion messages. */
    public String state() {
        if (!ws.isClosed()) {
            return "open";
        }
        Integer code = closeStatus.getNow(null);
        return "closed " + (code == null ? "(close handshake under way: " + ws.closeStatusCode() + ")" : code)
                + " " + closeReason;
    }

    /**
     * Closes with a close frame; a connection the peer has already dropped (its TCP close not seen yet) counts as
     * closed rather than as a failure.
     */
    @Override
    public void close() {
        try {
            if (!ws.isClosed()) {
                await(ws.close());
            }
        } catch (OperationFailed e) {
            if (!(e.getCause() instanceof ClosedChannelException)) {
                throw e;
            }
        } finally {
            client.close();
        }
    }

    private static <T> T poll(LinkedBlockingQueue<T> queue) {
        return poll(queue, Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    private static <T> T poll(LinkedBlockingQueue<T> queue, Duration atMost) {
        try {
            T item = queue.poll(atMost.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(item, () -> "nothing received within " + atMost);
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new OperationFailed(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** A failed client operation, with Vert.x's cause. */
    static final class OperationFailed extends RuntimeException {
        OperationFailed(Throwable cause) {
            super(cause);
        }
    }
}
