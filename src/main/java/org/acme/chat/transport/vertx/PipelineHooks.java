package org.acme.chat.transport.vertx;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Consumer;
import org.acme.chat.protocol.Refusal;

/**
 * What the adapter adds to a connection's Netty pipeline before its upgrade: {@link FrameValidation}. Without the
 * internals that reach the pipeline, nothing is added (and {@link TransportInternals} has said so). Outbound frames
 * need nothing here: {@link LoopWriter} batches them and flushes each connection once per batch. After the upgrade,
 * the HTTP idle timeout ({@code quarkus.http.idle-timeout}) is taken off the connection: it is there for idle and
 * half-sent HTTP requests, while a WebSocket's liveness is the heartbeat's business (a chat member may well listen
 * for minutes without sending, and frames written past the idle handler would not count as activity anyway).
 */
public final class PipelineHooks {

    /** The name Vert.x gives its {@code IdleStateHandler} in an HTTP connection's pipeline. */
    static final String IDLE_HANDLER = "idle";

    private PipelineHooks() {
    }

    /**
     * Installs the hooks on the connection behind an upgrade request: messages over {@code maxMessageBytes} are
     * refused with 1009, messages in more than {@code maxFragments} frames with 1008; {@code countClose} counts each
     * connection the validation closes; a client that does not answer its close within {@code closingTimeoutSeconds}
     * is dropped.
     */
    public static void install(HttpServerRequest request, Consumer<Refusal> countClose, long closingTimeoutSeconds,
            long maxMessageBytes, int maxFragments) {
        Channel channel = TransportInternals.channelOf(request.connection());
        if (channel == null) {
            return;
        }
        FrameValidation.install(channel.pipeline(), countClose, closingTimeoutSeconds, maxMessageBytes,
                maxFragments);
    }

    /**
     * Takes the HTTP idle timeout off an upgraded connection's pipeline, if it has one, and names the connection in
     * its validation's log lines; runs on its event loop.
     */
    static void upgraded(ChannelPipeline pipeline, String connectionId) {
        FrameValidation.identify(pipeline, connectionId);
        if (pipeline.get(IDLE_HANDLER) != null) {
            pipeline.remove(IDLE_HANDLER);
        }
    }
}
