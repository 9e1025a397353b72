package org.acme.chat.broker.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.acme.chat.tracing.ChatTracing;

/**
 * Every script this node runs goes over one Redis connection, pipelined. Redis runs a connection's commands in the
 * order they arrive, so a member's messages keep the order it sent them in (over a pool, two of them could overtake
 * each other). The scripts are loaded when the connection opens, before any command uses it, so that no command
 * needs a second try that could land behind a later one. A command that fails or gets no answer within
 * {@link #TIMEOUT_SECONDS} (a half-open connection) drops the connection; the next command opens a new one.
 */
final class RedisCommands {

    static final long TIMEOUT_SECONDS = 5;

    private final Redis redis;
    private final List<String> scripts;
    private final ChatTracing tracing;
    private final Map<String, String> shas = new ConcurrentHashMap<>();
    private Future<RedisConnection> connection;

    RedisCommands(Redis redis, List<String> scripts, ChatTracing tracing) {
        this.redis = redis;
        this.scripts = scripts;
        this.tracing = tracing;
        scripts.forEach(script -> shas.put(script, sha1(script)));
    }

    /**
     * Runs one of the scripts given at construction, by its SHA-1; the Redis client's span for it is a child of the
     * caller's current span (the connection's callbacks run elsewhere).
     */
    Future<Response> eval(String script, List<String> keys, Object... args) {
        Future<RedisConnection> current = connection();
        return current.compose(tracing.inCurrentTrace(conn -> {
            Request request = Request.cmd(Command.EVALSHA).arg(shas.get(script)).arg(keys.size());
            keys.forEach(request::arg);
            for (Object arg : args) {
                request.arg(String.valueOf(arg));
            }
            return conn.send(request).timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        })).onFailure(failure -> forget(current)); // a timeout, a closed socket, NOSCRIPT: start afresh
    }

    /** Sends a plain command (a read) over the same connection, after everything sent before it. */
    Future<Response> send(Request request) {
        Future<RedisConnection> current = connection();
        return current.compose(conn -> conn.send(request).timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .onFailure(failure -> forget(current));
    }

    synchronized void close() {
        if (connection != null) {
            connection.onSuccess(RedisConnection::close);
            connection = null;
        }
    }

    private synchronized Future<RedisConnection> connection() {
        if (connection == null || connection.failed()) {
            Future<RedisConnection> opening = redis.connect().timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .compose(conn -> {
                        Future<Response> loaded = Future.succeededFuture();
                        for (String script : scripts) {
                            loaded = loaded.compose(ok -> conn.send(Request.cmd(Command.SCRIPT).arg("LOAD")
                                    .arg(script)));
                        }
                        return loaded.timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).map(conn)
                                .onFailure(failure -> conn.close());
                    });
            opening.onSuccess(conn -> {
                conn.exceptionHandler(failure -> forget(opening));
                conn.endHandler(v -> forget(opening));
            });
            connection = opening;
        }
        return connection;
    }

    private synchronized void forget(Future<RedisConnection> broken) {
        if (connection == broken) {
            connection = null;
        }
        broken.onSuccess(RedisConnection::close);
    }

    private static String sha1(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
