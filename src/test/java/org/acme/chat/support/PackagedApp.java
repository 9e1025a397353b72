package org.acme.chat.support;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The artifact that {@code ./mvnw package} built (the jar, or the native executable with {@code -Dnative}), started as
 * a separate process in the test profile on a free port (its management interface on another), for tests that need
 * to signal it. Its output goes to {@code target/<name>.log}.
 */
public final class PackagedApp implements AutoCloseable {

    private static final Path TARGET = Path.of("target");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final URI base;
    private final URI management;
    private final Path log;

    private PackagedApp(Process process, URI base, URI management, Path log) {
        this.process = process;
        this.base = base;
        this.management = management;
        this.log = log;
    }

    /** Starts the app on a free port with extra config {@code properties}; waits until readiness answers 200. */
    public static PackagedApp start(String name, Map<String, String> properties) throws IOException {
        return start(name, properties, freePort());
    }

    /** The same on a given {@code port}, e.g. to restart an app where its clients will look for it. */
    public static PackagedApp start(String name, Map<String, String> properties, int port) throws IOException {
        List<String> command = new ArrayList<>(launcher());
        int managementPort = freePort();
        command.add(1, "-Dquarkus.management.port=" + managementPort);
        command.add(1, "-Dquarkus.http.port=" + port);
        command.add(1, "-Dquarkus.profile=test");
        properties.forEach((key, value) -> command.add(1, "-D" + key + "=" + value));
        Path log = TARGET.resolve(name + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PackagedApp app = new PackagedApp(process, URI.create("http://localhost:" + port + "/"),
                URI.create("http://localhost:" + managementPort + "/"), log);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !process.isAlive() || app.readinessStatus() == 200);
            if (!process.isAlive()) {
                throw new AssertionError("the app exited on start; see target/" + name + ".log");
            }
            return app;
        } catch (RuntimeException | AssertionError e) {
            app.close();
            throw e;
        }
    }

    public URI base() {
        return base;
    }

    /** The management interface ({@code /q/health}, {@code /q/metrics}), on a free port of its own. */
    public URI management() {
        return management;
    }

    /** GET /q/health/ready: its status code, or -1 when nothing answers. */
    public int readinessStatus() {
        HttpResponse<String> response = readiness();
        return response == null ? -1 : response.statusCode();
    }

    /** GET /q/health/ready, whole; {@code null} when nothing answers. */
    public HttpResponse<String> readiness() {
        try {
            return HTTP.send(HttpRequest.newBuilder(management.resolve("/q/health/ready")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sends SIGTERM, as Kubernetes does to stop a pod. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to exit and returns how long that took from now, or fails after {@code atMost}. */
    public Duration awaitExit(Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the app was still running " + atMost + " after SIGTERM");
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Fails if the app logged anything at ERROR level (or a stack trace) so far, in the readable format or as JSON lines
     * ({@code chat.log.json}).
     */
    public void assertNoErrorsLogged() throws IOException {
        List<String> errors = Files.readAllLines(log).stream()
                .filter(line -> line.contains(" ERROR ") || line.startsWith("\tat ")
                        || line.startsWith("{") && (line.contains("\"level\":\"ERROR\"")
                                || line.contains("\"level\":\"SEVERE\"")))
                .limit(5).toList();
        assertEquals(List.of(), errors, () -> "errors in " + log);
    }

    /** The file the app's output goes to. */
    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** Whether the last build made a native executable (what {@code *IT} tests run against then). */
    public static boolean isNative() {
        try {
            return "native".equals(artifact().getProperty("type"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties artifact() throws IOException {
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(TARGET.resolve("quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        return artifact;
    }

    /** {@code java -jar quarkus-run.jar} or the native executable, as recorded by the Quarkus build. */
    private static List<String> launcher() throws IOException {
        Properties artifact = artifact();
        String path = TARGET.resolve(artifact.getProperty("path")).toAbsolutePath().toString();
        return switch (artifact.getProperty("type")) {
            case "jar" -> List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", path);
            case "native" -> List.of(path);
            default -> throw new IllegalStateException("cannot start a " + artifact.getProperty("type") + " artifact");
        };
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
