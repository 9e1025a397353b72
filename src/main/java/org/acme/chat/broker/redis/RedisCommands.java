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

/**
 * Every script this node runs goes over one Redis connection, pipelined. Redis runs a connection's commands in the
 * order they arrive, so a member's messages keep the order it sent them in (over a pool, two of them could overtake
 * each other). After a failure the connection is opened again on the next command, and the scripts are loaded again.
 */
final class RedisCommands {

    private final Redis redis;
    private final Map<String, String> shas = new ConcurrentHashMap<>();
    private Future<RedisConnection> connection;

    RedisCommands(Redis redis) {
        this.redis = redis;
    }

    /** Runs a script by its SHA-1, sending its text only if Redis does not know it (after a restart, say). */
    Future<Response> eval(String script, List<String> keys, Object... args) {
        String sha = shas.computeIfAbsent(script, RedisCommands::sha1);
        return connection().compose(conn -> conn.send(request(Command.EVALSHA, sha, keys, args))
                .recover(failure -> String.valueOf(failure.getMessage()).startsWith("NOSCRIPT")
                        ? conn.send(request(Command.EVAL, script, keys, args))
                        : Future.failedFuture(failure)));
    }

    synchronized void close() {
        if (connection != null) {
            connection.onSuccess(RedisConnection::close);
            connection = null;
        }
    }

    private synchronized Future<RedisConnection> connection() {
        if (connection == null || connection.failed()) {
            Future<RedisConnection> opening = redis.connect();
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

    private static Request request(Command command, String script, List<String> keys, Object[] args) {
        Request request = Request.cmd(command).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        for (Object arg : args) {
            request.arg(String.valueOf(arg));
        }
        return request;
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
