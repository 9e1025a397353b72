package org.acme.chat.transport.vertx;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.acme.chat.logging.ConnectionLog;
import org.acme.chat.protocol.Refusal;

/**
 * Checks inbound frames where Vert.x would fail a connection without telling the client why, or not at all.
 * <p>
 * RFC 6455 requires failing a connection whose text is not UTF-8 with 1007, but Vert.x decodes text leniently,
 * turning bad bytes into U+FFFD. So this handler, put in front of Vert.x's own before the upgrade (it then sits right
 * behind the WebSocket decoder), checks every text message, fragments included, and on bad bytes drops it and
 * everything after it, sends close 1007 itself, and closes the socket if the client does not finish the close
 * handshake in time. A message, one frame or reassembled from fragments, over the message limit is answered the same
 * way with 1009 (before Vert.x's own aggregation, which reports it only as an exception text), and one in more
 * fragments than allowed with 1008: empty continuation frames would otherwise cost a reader without end. Every
 * continuation frame that passes is reported to the session, which spends its frame budget on it.
 * <p>
 * A frame that breaks the protocol itself (a reserved opcode, reserved bits, a broken fragment sequence) makes
 * Netty's decoder raise an exception, which would otherwise reach Vert.x and drop the TCP connection without a close
 * frame and with an ERROR log line per offender. This handler answers it with close 1002 and closes the socket (the
 * decoder reads nothing after a violation, so no close handshake can complete). A single frame over the hard size cap
 * is dropped unread, the connection with it (documented as 1006), quietly too.
 * <p>
 * It sits in the Netty pipeline, reached through {@link TransportInternals}.
 */
final class FrameValidation extends ChannelInboundHandlerAdapter {

    private static final ConnectionLog LOG = ConnectionLog.of(FrameValidation.class);
    private static final String NAME = "chat-frame-validation";

    private final Utf8Checker checker = new Utf8Checker();
    private final Consumer<Refusal> countClose;
    private final long closingTimeoutSeconds;
    private final long maxMessageBytes;
    private final int maxFragments;
    /** Told of every continuation frame that passes (the session spends its frame budget on it). */
    private Runnable onContinuation = () -> { };
    /** The WebSocket connection's id, once it has one ({@link #identify}); null before. */
    private String connectionId;
    private boolean inText;
    private long messageBytes;
    private int fragments;
    private boolean failed;

    private FrameValidation(Consumer<Refusal> countClose, long closingTimeoutSeconds, long maxMessageBytes,
            int maxFragments) {
        this.countClose = countClose;
        this.closingTimeoutSeconds = closingTimeoutSeconds;
        this.maxMessageBytes = maxMessageBytes;
        this.maxFragments = maxFragments;
    }

    /**
     * Installs the checks in front of Vert.x's handler in an upgrade request's pipeline; {@code countClose} counts each
     * connection it closes. Without Vert.x's handler where it is expected, nothing is installed (and
     * {@link TransportInternals} has said so).
     */
    static void install(ChannelPipeline pipeline, Consumer<Refusal> countClose, long closingTimeoutSeconds,
            long maxMessageBytes, int maxFragments) {
        if (TransportInternals.hasVertxHandler(pipeline) && pipeline.get(NAME) == null) {
            pipeline.addBefore(TransportInternals.VERTX_HANDLER, NAME,
                    new FrameValidation(countClose, closingTimeoutSeconds, maxMessageBytes, maxFragments));
        }
    }

    /** Tells {@code listener} of every continuation frame from now on; call it on the connection's event loop. */
    static void listen(ChannelPipeline pipeline, Runnable listener) {
        if (pipeline.get(NAME) instanceof FrameValidation validation) {
            validation.onContinuation = listener;
        }
    }

    /** Names the connection in this pipeline's log lines; call it on the connection's event loop. */
    static void identify(ChannelPipeline pipeline, String connectionId) {
        if (pipeline.get(NAME) instanceof FrameValidation validation) {
            validation.connectionId = connectionId;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof WebSocketFrame frame && !(msg instanceof CloseWebSocketFrame)) {
            if (failed) {
                frame.release();
                return;
            }
            if (frame.rsv() != 0) {
                // Netty's decoder lets reserved bits through for extensions; none is negotiated (an inflater ahead of
                // this handler would have cleared RSV1).
                frame.release();
                protocolError(ctx, "reserved bits set: " + frame.rsv());
                return;
            }
            boolean text = frame instanceof TextWebSocketFrame;
            boolean starts = text || frame instanceof BinaryWebSocketFrame;
            if (starts || frame instanceof ContinuationWebSocketFrame) {
                messageBytes = (starts ? 0 : messageBytes) + frame.content().readableBytes();
                fragments = starts ? 1 : fragments + 1;
                if (messageBytes > maxMessageBytes) {
                    frame.release();
                    refuse(ctx, Refusal.Kind.MESSAGE_TOO_BIG);
                    return;
                }
                if (fragments > maxFragments) {
                    frame.release();
                    refuse(ctx, Refusal.Kind.TOO_MANY_FRAGMENTS);
                    return;
                }
            }
            if (text || (inText && frame instanceof ContinuationWebSocketFrame)) {
                if (text) {
                    checker.reset();
                }
                inText = !frame.isFinalFragment();
                if (!checker.feed(frame.content()) || (!inText && !checker.complete())) {
                    frame.release();
                    refuse(ctx, Refusal.Kind.INVALID_UTF8);
                    return;
                }
            } else if (starts) {
                inText = false;
            }
            if (frame instanceof ContinuationWebSocketFrame) {
                onContinuation.run();
            }
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (!(cause instanceof CorruptedWebSocketFrameException corrupt)) {
            super.exceptionCaught(ctx, cause);
            return;
        }
        if (failed) {
            return;
        }
        if (WebSocketCloseStatus.MESSAGE_TOO_BIG.equals(corrupt.closeStatus())) {
            // A single frame over the hard cap: dropped unread (a close frame could be lost in the reset anyway).
            failed = true;
            countClose.accept(Refusal.Kind.MESSAGE_TOO_BIG);
            LOG.debugf(connectionId, "frame over the hard cap on connection %s: %s", connectionId, cause.getMessage());
            ctx.close();
        } else {
            protocolError(ctx, cause.getMessage());
        }
    }

    private void protocolError(ChannelHandlerContext ctx, String why) {
        failed = true;
        countClose.accept(Refusal.Kind.PROTOCOL_ERROR);
        LOG.debugf(connectionId, "protocol violation on connection %s: %s", connectionId, why);
        ctx.writeAndFlush(closeFrame(Refusal.Kind.PROTOCOL_ERROR)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Answers a message with a close; the socket closes when the client answers, or after the closing timeout. */
    private void refuse(ChannelHandlerContext ctx, Refusal refusal) {
        failed = true;
        countClose.accept(refusal);
        ctx.writeAndFlush(closeFrame(refusal));
        ctx.executor().schedule(() -> {
            ctx.close();
        }, closingTimeoutSeconds, TimeUnit.SECONDS);
    }

    private static CloseWebSocketFrame closeFrame(Refusal refusal) {
        return new CloseWebSocketFrame(refusal.closeCode(), refusal.message());
    }

    /** A streaming UTF-8 validity check (no overlongs, no surrogates, nothing above U+10FFFF); no allocation. */
    static final class Utf8Checker {
        private int needed;
        private int codePoint;
        private int min;

        void reset() {
            needed = 0;
        }

        boolean complete() {
            return needed == 0;
        }

        boolean feed(ByteBuf bytes) {
            for (int i = bytes.readerIndex(), end = bytes.writerIndex(); i < end; i++) {
                if (!feed(bytes.getByte(i))) {
                    return false;
                }
            }
            return true;
        }

        boolean feed(byte b) {
            if (needed == 0) {
                if (b >= 0) {
                    return true;
                } else if ((b & 0xe0) == 0xc0) {
                    needed = 1;
                    codePoint = b & 0x1f;
                    min = 0x80;
                } else if ((b & 0xf0) == 0xe0) {
                    needed = 2;
                    codePoint = b & 0x0f;
                    min = 0x800;
                } else if ((b & 0xf8) == 0xf0) {
                    needed = 3;
                    codePoint = b & 0x07;
                    min = 0x10000;
                } else {
                    return false;
                }
                return true;
            }
            if ((b & 0xc0) != 0x80) {
                return false;
            }
            codePoint = (codePoint << 6) | (b & 0x3f);
            if (--needed > 0) {
                return true;
            }
            return codePoint >= min && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
        }
    }
}
