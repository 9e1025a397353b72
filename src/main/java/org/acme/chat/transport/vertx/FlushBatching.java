package org.acme.chat.transport.vertx;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Lets the frames a connection is sent in one turn of its event loop leave in one write to the socket.
 * <p>
 * A broadcast hands each member its frame separately, and Vert.x flushes every frame it writes: under load, with many
 * messages a turn, each member cost one {@code write(2)} per message. Netty's {@link FlushConsolidationHandler}, first
 * in the pipeline, holds those flushes until the end of the turn (or until {@value #MAX_HELD_FLUSHES} are held, or
 * the socket stops being writable), so a member that receives several frames in a turn gets them in one write, and a
 * lone frame still leaves in the turn it was sent. Nothing changes on the wire.
 */
final class FlushBatching {

    static final String NAME = "chat-flush-batching";
    private static final int MAX_HELD_FLUSHES = 256;

    private FlushBatching() {
    }

    /** Installs the batching first in the pipeline of an upgrade request's connection. */
    static void install(ChannelPipeline pipeline) {
        if (pipeline.get(NAME) == null) {
            pipeline.addFirst(NAME, new FlushConsolidationHandler(MAX_HELD_FLUSHES, true));
        }
    }
}
