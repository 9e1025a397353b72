package org.acme.chat.transport.vertx;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.acme.chat.protocol.OutboundFrame;

/**
 * Writes frames to the connections of one event loop, in batches: whatever threads hand it between two runs, it
 * writes in one task on its loop, in order. A frame handed on for many connections in a row (a room's broadcast) is
 * encoded once per batch into one pooled buffer that every connection's write shares ({@code retainedDuplicate}),
 * and each connection is flushed once per batch. Per recipient that is one array slot and a recycled buffer view: no
 * future, promise, lambda or frame object.
 * <p>
 * The bytes are a whole WebSocket frame (a server's frames are not masked), written from the position of Netty's
 * WebSocket encoder toward the socket: nothing between there and the socket looks at them. Closes go through the same
 * batches ({@link #close}), so a close never overtakes the frames sent before it.
 */
final class LoopWriter implements Runnable {

    private static final Map<EventLoop, LoopWriter> WRITERS = new ConcurrentHashMap<>();
    private static final int OP_TEXT = 0x81;
    private static final int OP_BINARY = 0x82;
    /** Room in a batch before it grows: a broadcast to 1,000 members on one loop takes 2,000 slots. */
    private static final int INITIAL_BATCH = 4096;

    private final EventLoop loop;
    private List<Object> pending = new ArrayList<>(INITIAL_BATCH);
    private List<Object> draining = new ArrayList<>(INITIAL_BATCH);
    private final List<Target> toFlush = new ArrayList<>(INITIAL_BATCH);
    private boolean scheduled;

    private LoopWriter(EventLoop loop) {
        this.loop = loop;
    }

    /** A connection the writer writes to; its methods are called on the writer's loop only. */
    interface Target {

        /** The pipeline position frames are written from. */
        ChannelHandlerContext context();

        /** Whether frames may still go out (no close sent or received). */
        boolean writable();

        /** Marks the target as written in the current batch; true the first time (then it is to be flushed). */
        boolean markForFlush();

        /** The target was flushed: the next write marks it anew. */
        void flushed();
    }

    /** The writer of {@code loop}. */
    static LoopWriter of(EventLoop loop) {
        return WRITERS.computeIfAbsent(loop, LoopWriter::new);
    }

    /** Queues {@code frame} for {@code target}, one of this loop's connections. */
    void write(Target target, OutboundFrame frame) {
        enqueue(target, frame);
    }

    /** Queues a task for {@code target} (a close) behind every frame queued for it so far. */
    void close(Target target, Runnable close) {
        enqueue(target, close);
    }

    private void enqueue(Target target, Object item) {
        boolean schedule;
        synchronized (this) {
            pending.add(target);
            pending.add(item);
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            try {
                loop.execute(this);
            } catch (RejectedExecutionException shuttingDown) {
                // The loop is gone with the server: nothing will be written any more.
            }
        }
    }

    /** One batch, on the loop: every write in order, each shared frame encoded once, then one flush per connection. */
    @Override
    public void run() {
        List<Object> batch;
        synchronized (this) {
            batch = pending;
            pending = draining;
            draining = batch;
            scheduled = false;
        }
        OutboundFrame encodedFrame = null;
        ByteBuf encoded = null;
        try {
            for (int i = 0; i < batch.size(); i += 2) {
                Target target = (Target) batch.get(i);
                Object item = batch.get(i + 1);
                if (item instanceof OutboundFrame frame) {
                    if (!target.writable()) {
                        continue;
                    }
                    ChannelHandlerContext ctx = target.context();
                    if (frame != encodedFrame) {
                        if (encoded != null) {
                            encoded.release();
                        }
                        encoded = encode(ctx.alloc(), frame);
                        encodedFrame = frame;
                    }
                    ctx.write(encoded.retainedDuplicate(), ctx.voidPromise());
                    if (target.markForFlush()) {
                        toFlush.add(target);
                    }
                } else {
                    flush();
                    ((Runnable) item).run();
                }
            }
        } finally {
            if (encoded != null) {
                encoded.release();
            }
            batch.clear();
            flush();
        }
    }

    private void flush() {
        for (Target target : toFlush) {
            target.flushed();
            target.context().flush();
        }
        toFlush.clear();
    }

    /** A whole unmasked WebSocket frame, FIN set: opcode, length, payload. */
    static ByteBuf encode(ByteBufAllocator alloc, OutboundFrame frame) {
        byte[] payload = frame.bytes();
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuf out = alloc.directBuffer(header + length);
        out.writeByte(frame.isText() ? OP_TEXT : OP_BINARY);
        if (length < 126) {
            out.writeByte(length);
        } else if (length <= 0xFFFF) {
            out.writeByte(126);
            out.writeShort(length);
        } else {
            out.writeByte(127);
            out.writeLong(length);
        }
        out.writeBytes(payload);
        return out;
    }
}
