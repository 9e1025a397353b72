package org.acme.chat.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} for a test, started on a free loopback port from a temporary directory, without
 * persistence, and stopped afterwards. {@link #stop()} and {@link #restart()} play Redis going away and coming back.
 * <p>
 * Without {@code redis-server} on the PATH (or at {@code -Dchat.test.redis-server=PATH}) the test is skipped, except
 * with {@code CI=true}, where that fails it. With {@code -Dchat.test.redis=HOST:PORT} the tests use that server
 * instead (one already listening, e.g. 127.0.0.1:6379); tests that need to stop it are then skipped.
 */
public final class RedisServer implements AutoCloseable {

    private final String host;
    private final int port;
    private final Path dir;
    private Process process;

    private RedisServer(String host, int port, Path dir) {
        this.host = host;
        this.port = port;
        this.dir = dir;
    }

    /** Starts a server of our own (or points at the one {@code chat.test.redis} names). */
    public static RedisServer start() {
        String external = System.getProperty("chat.test.redis");
        if (external != null) {
            String[] hostPort = external.split(":");
            return new RedisServer(hostPort[0], Integer.parseInt(hostPort[1]), null);
        }
        try {
            RedisServer server = new RedisServer("127.0.0.1", PackagedApp.freePort(),
                    Files.createTempDirectory("chat-redis-"));
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value for {@code quarkus.redis.hosts}. */
    public String url() {
        return "redis://" + host + ":" + port;
    }

    /** Stops the server (SIGTERM, no data kept): the app loses Redis. */
    public void stop() {
        Assumptions.assumeTrue(dir != null, "an external Redis (chat.test.redis) is not ours to stop");
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts the server again on the same port, empty. */
    public void restart() {
        launch();
    }

    @Override
    public void close() {
        if (dir == null) {
            return;
        }
        if (process != null) {
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind
        }
    }

    private void launch() {
        String binary = System.getProperty("chat.test.redis-server", "redis-server");
        try {
            process = new ProcessBuilder(List.of(binary, "--port", String.valueOf(port), "--bind", host,
                    "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            boolean ci = "true".equals(System.getenv("CI"));
            if (ci) {
                throw new AssertionError("redis-server is required in CI (apt-get install -y redis-server)", e);
            }
            Assumptions.abort("redis-server is not installed (apt-get install -y redis-server): " + e.getMessage());
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(this::answersPing);
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }
}
