package org.acme.chat.support;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A redis-server of its own and the packaged app started twice on it, {@code <name>-node-a} and {@code <name>-node-b}
 * (their logs under those names), for the ITs that check what crosses nodes. Closing it kills both nodes and stops
 * Redis, each as far as it goes (a failure to close one does not keep the others running); a test class starts it in
 * {@code @BeforeAll} and closes it in {@code @AfterAll}.
 */
public final class TwoNodes implements AutoCloseable {

    private final RedisServer redis;
    private final Map<String, String> config;
    private PackagedApp nodeA;
    private PackagedApp nodeB;

    private TwoNodes(RedisServer redis, Map<String, String> config) {
        this.redis = redis;
        this.config = config;
    }

    /** Starts Redis, then both nodes with the Redis broker on it and {@code properties} on top. */
    public static TwoNodes start(String name, Map<String, String> properties) throws IOException {
        RedisServer redis = RedisServer.start();
        Map<String, String> config = new HashMap<>(properties);
        config.putAll(Map.of("chat.broker", "redis", "quarkus.redis.hosts", redis.url()));
        TwoNodes nodes = new TwoNodes(redis, Map.copyOf(config));
        try {
            nodes.nodeA = PackagedApp.start(name + "-node-a", nodes.config);
            nodes.nodeB = PackagedApp.start(name + "-node-b", nodes.config);
            return nodes;
        } catch (IOException | RuntimeException e) {
            nodes.close();
            throw e;
        }
    }

    /** Node A, started first. */
    public PackagedApp a() {
        return nodeA;
    }

    /** Node B. */
    public PackagedApp b() {
        return nodeB;
    }

    /** The redis-server both nodes share (for tests that stop and restart it). */
    public RedisServer redis() {
        return redis;
    }

    /** The config both nodes run with, for a third node of the same cluster. */
    public Map<String, String> config() {
        return config;
    }

    /** Fails if either node logged anything at ERROR level so far ({@link PackagedApp#assertNoErrorsLogged()}). */
    public void assertNoErrorsLogged() throws IOException {
        nodeA.assertNoErrorsLogged();
        nodeB.assertNoErrorsLogged();
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : new AutoCloseable[] { nodeA, nodeB, redis }) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }
}
