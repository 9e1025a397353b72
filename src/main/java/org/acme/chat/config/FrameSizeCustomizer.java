package org.acme.chat.config;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Derives the server's WebSocket size limits from {@code chat.max-frame-bytes}, the one setting users see.
 * <p>
 * A message, whether one frame or many, over the limit is refused by Vert.x's frame aggregator, which the endpoints
 * answer with close 1009. Netty itself refuses a single frame over its frame cap by dropping the TCP connection
 * without a close frame, so that cap sits at twice the limit: a clean 1009 for ordinary oversize frames, and a
 * ceiling on what the server will buffer for absurd ones.
 */
@ApplicationScoped
public class FrameSizeCustomizer implements HttpServerOptionsCustomizer {

    /** How far above {@code chat.max-frame-bytes} a single frame may be before it is dropped rather than read. */
    public static final int HARD_CAP_FACTOR = 2;

    private final ChatConfig config;

    public FrameSizeCustomizer(ChatConfig config) {
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
    }
}
