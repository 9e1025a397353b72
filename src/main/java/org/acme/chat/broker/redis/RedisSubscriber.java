package org.acme.chat.broker.redis;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * This node's subscription to the events channel, on a connection of its own. When the connection is lost (Redis
 * restarted or out of reach) it tries again every second or so until it is back, and says so once each way in the
 * log. {@link #subscribed()} is what readiness reports.
 */
final class RedisSubscriber {

    private static final Logger LOG = Logger.getLogger(RedisSubscriber.class);
    private static final long RETRY_MIN_MS = 250;
    private static final long RETRY_MAX_MS = 2_000;

    private final Redis redis;
    private final Vertx vertx;
    private final String channel;
    private final Consumer<String> onMessage;
    private volatile RedisConnection connection;
    private volatile boolean subscribed;
    private volatile boolean closed;
    private boolean everSubscribed;
    private long retryMs = RETRY_MIN_MS;

    RedisSubscriber(Redis redis, Vertx vertx, String channel, Consumer<String> onMessage) {
        this.redis = redis;
        this.vertx = vertx;
        this.channel = channel;
        this.onMessage = onMessage;
    }

    void start() {
        connect();
    }

    boolean subscribed() {
        return subscribed;
    }

    void close() {
        closed = true;
        subscribed = false;
        RedisConnection current = connection;
        if (current != null) {
            current.close();
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        redis.connect().onSuccess(conn -> {
            connection = conn;
            conn.handler(this::handle);
            conn.exceptionHandler(failure -> lost(conn, failure.getMessage()));
            conn.endHandler(v -> lost(conn, "connection closed"));
            conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onSuccess(ok -> {
                subscribed = true;
                retryMs = RETRY_MIN_MS;
                if (everSubscribed) {
                    LOG.infof("Redis is back: subscribed to %s again, cross-node delivery resumes", channel);
                }
                everSubscribed = true;
            }).onFailure(failure -> lost(conn, failure.getMessage()));
        }).onFailure(failure -> retry(failure.getMessage()));
    }

    private void handle(Response response) {
        // A pub/sub message is ["message", channel, payload] (RESP2 array or RESP3 push).
        if (response != null && response.size() == 3 && "message".equals(response.get(0).toString())) {
            onMessage.accept(response.get(2).toString());
        }
    }

    private synchronized void lost(RedisConnection conn, String why) {
        if (connection != conn) {
            return; // an old connection's late news
        }
        connection = null;
        conn.close();
        retry(why);
    }

    private synchronized void retry(String why) {
        if (closed) {
            return;
        }
        if (subscribed || !everSubscribed && retryMs == RETRY_MIN_MS) {
            LOG.warnf("Redis subscription to %s lost (%s): only this node's members hear each other until it is back",
                    channel, why);
        } else {
            LOG.debugf("Redis still out of reach: %s", why);
        }
        subscribed = false;
        vertx.setTimer(retryMs, id -> connect());
        retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
    }
}
