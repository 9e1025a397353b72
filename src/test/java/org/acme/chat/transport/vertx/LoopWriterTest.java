package org.acme.chat.transport.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import java.util.ArrayList;
import java.util.List;
import org.acme.chat.protocol.OutboundFrame;
import org.junit.jupiter.api.Test;

/**
 * The per-loop writer on Netty's embedded channels (one loop, tasks run by hand): a broadcast is encoded once and
 * shared, each connection is flushed once per batch, order holds, a close waits for the frames before it, and every
 * buffer is released.
 */
class LoopWriterTest {

    private final EmbeddedChannel first = new EmbeddedChannel(new ChannelOutboundHandlerAdapter());
    private final EventLoop loop = first.eventLoop();
    private final LoopWriter writer = LoopWriter.of(loop);

    @Test
    void aBroadcastIsEncodedOnceAndEveryConnectionGetsTheSameBytesFlushedOnce() {
        List<Connection> members = List.of(new Connection(first), connection(), connection());
        OutboundFrame frame = OutboundFrame.text("{\"type\":\"message\",\"text\":\"hi\"}");

        members.forEach(member -> writer.write(member, frame));
        first.runPendingTasks();

        ByteBuf shared = null;
        for (Connection member : members) {
            assertEquals(1, member.flushes, "one flush per batch");
            ByteBuf written = member.channel.readOutbound();
            assertSame(shared == null ? written.unwrap() : shared, written.unwrap(), "the same pooled buffer");
            shared = written.unwrap();
            assertEquals(frame.text(), decode(written));
        }
        assertEquals(0, shared.refCnt(), "every view released, the buffer back in its pool");
    }

    @Test
    void framesKeepTheirOrderAndACloseWaitsForThoseBeforeIt() {
        Connection member = new Connection(first);
        List<Integer> writtenAtClose = new ArrayList<>();
        writer.write(member, OutboundFrame.text("one"));
        writer.write(member, OutboundFrame.text("two"));
        writer.close(member, () -> writtenAtClose.add(member.channel.outboundMessages().size()));
        writer.write(member, OutboundFrame.text("after the close"));

        first.runPendingTasks();

        assertEquals(List.of(2), writtenAtClose, "both frames were written and flushed before the close ran");
        assertEquals(List.of("one", "two", "after the close"), texts(member));
    }

    @Test
    void aConnectionThatIsClosingGetsNothing() {
        Connection member = new Connection(first);
        member.writable = false;

        writer.write(member, OutboundFrame.text("too late"));
        first.runPendingTasks();

        assertTrue(member.channel.outboundMessages().isEmpty());
        assertEquals(0, member.flushes);
    }

    @Test
    void whatArrivesWhileABatchRunsGoesInTheNextBatch() {
        Connection member = new Connection(first);
        writer.write(member, OutboundFrame.text("first batch"));
        first.runPendingTasks();
        writer.write(member, OutboundFrame.text("second batch"));
        first.runPendingTasks();

        assertEquals(2, member.flushes);
        assertEquals(List.of("first batch", "second batch"), texts(member));
    }

    /** Another connection of the loop (embedded channels run every task on the calling thread). */
    private Connection connection() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter());
        return new Connection(channel);
    }

    private static List<String> texts(Connection member) {
        List<String> texts = new ArrayList<>();
        ByteBuf written;
        while ((written = member.channel.readOutbound()) != null) {
            texts.add(decode(written));
        }
        return texts;
    }

    /** Reads a written frame as a client would, and releases it. */
    private static String decode(ByteBuf written) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 1 << 16));
        client.writeInbound(written);
        TextWebSocketFrame frame = client.readInbound();
        String text = frame.text();
        frame.release();
        client.finishAndReleaseAll();
        return text;
    }

    /** A connection as the writer sees it, over an embedded channel; counts its flushes. */
    private static final class Connection implements LoopWriter.Target {
        private final EmbeddedChannel channel;
        private boolean writable = true;
        private boolean marked;
        private int flushes;

        Connection(EmbeddedChannel channel) {
            this.channel = channel;
        }

        @Override
        public ChannelHandlerContext context() {
            return channel.pipeline().firstContext();
        }

        @Override
        public boolean writable() {
            return writable;
        }

        @Override
        public boolean markForFlush() {
            boolean first = !marked;
            marked = true;
            return first;
        }

        @Override
        public void flushed() {
            marked = false;
            flushes++;
        }
    }
}
