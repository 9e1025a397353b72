package org.acme.chat.config;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Derives the server's WebSocket options from the {@code chat.*} settings users see.
 * <p>
 * Sizes come from {@code chat.max-frame-bytes}.
 * A message, whether one frame or many, over the limit is refused by Vert.x's frame aggregator, which the endpoints
 * answer with close 1009. Netty itself refuses a single frame over its frame cap by dropping the TCP connection
 * without a close frame, so that cap sits at twice the limit: a clean 1009 for ordinary oversize frames, and a
 * ceiling on what the server will buffer for absurd ones.
 * <p>
 * A peer that does not answer a server close (1001 on shutdown, 4408 after a heartbeat timeout, …) is dropped after
 * {@code chat.shutdown.drain-timeout}, in whole seconds (Vert.x's WebSocket closing timeout), so its {@code @OnClose}
 * runs while the application is still up.
 */
@ApplicationScoped
public class WebSocketServerCustomizer implements HttpServerOptionsCustomizer {

    /** How far above {@code chat.max-frame-bytes} a single frame may be before it is dropped rather than read. */
    public static final int HARD_CAP_FACTOR = 2;

    private final ChatConfig config;

    public WebSocketServerCustomizer(ChatConfig config) {
        this.config = config;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        apply(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        apply(options);
    }

    private void apply(HttpServerOptions options) {
        options.setMaxWebSocketMessageSize(config.maxFrameBytes());
        options.setMaxWebSocketFrameSize(config.maxFrameBytes() * HARD_CAP_FACTOR);
        options.setWebSocketClosingTimeout(closingTimeoutSeconds(config));
    }

    /** Seconds a peer has to close its side after a server close frame: the drain timeout, at least one second. */
    public static int closingTimeoutSeconds(ChatConfig config) {
        return (int) Math.max(1, config.shutdown().drainTimeout().toSeconds());
    }
}
