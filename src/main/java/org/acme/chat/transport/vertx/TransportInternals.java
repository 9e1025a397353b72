package org.acme.chat.transport.vertx;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.runtime.WebSocketConnectionBase;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.net.impl.ConnectionBase;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Every Quarkus, Vert.x and Netty internal this adapter relies on, each checked once, with the public API it falls
 * back on when the check fails (a WARN says so; nothing fails silently after an upgrade):
 * <ul>
 * <li>{@link #SOCKET}: WebSockets Next's package-private {@code WebSocketConnectionBase.webSocket()}, the Vert.x
 * socket behind a connection, so that frames skip {@code sendText}'s per-call Uni, context capture and metric
 * lookup. Fallback: {@code sendText}/{@code sendBinary}.</li>
 * <li>{@link #TEXT_FRAME}: Vert.x's {@code WebSocketFrameImpl(type, utf8Bytes, final)}, a text frame over bytes
 * encoded once for every recipient. Fallback: {@link WebSocketFrame#textFrame}, which encodes per recipient.</li>
 * <li>{@link #CHANNEL}: Vert.x's {@code ConnectionBase.channel()}, the Netty channel of an upgrade request, for
 * {@link FrameValidation} (1007, 1002, 1009 answers) and {@link FlushBatching}. Fallback: neither (invalid UTF-8
 * becomes U+FFFD, protocol violations drop the TCP connection, flushes are not batched).</li>
 * <li>{@link #VERTX_HANDLER}: Vert.x's pipeline handler name {@code "handler"}, in front of which
 * {@link FrameValidation} goes. Only a live pipeline can show it, so the first upgrade checks it. Fallback: no
 * frame validation.</li>
 * </ul>
 * The first three are checked when this class loads, which {@code TransportStartup} makes happen at start-up, by
 * using each one on a sample (a frame is built and read back). {@link #report()} lists every check's outcome.
 */
@RegisterForReflection(targets = { WebSocketConnectionBase.class, WebSocketFrameImpl.class, ConnectionBase.class },
        methods = true, fields = false)
public final class TransportInternals {

    /** One internal and how its check went. */
    public record Check(String internal, boolean ok, String detail) {
    }

    static final String VERTX_HANDLER = "handler";
    private static final Logger LOG = Logger.getLogger(TransportInternals.class);
    private static final List<Check> CHECKS = Collections.synchronizedList(new ArrayList<>());

    static final Method SOCKET = socketAccessor();
    static final boolean TEXT_FRAME = textFrameConstructor();
    static final boolean CHANNEL = channelAccessor();
    private static volatile Boolean pipelineChecked;

    private TransportInternals() {
    }

    /** Every check made so far (the pipeline's once a connection has been upgraded), in order. */
    public static List<Check> report() {
        synchronized (CHECKS) {
            return List.copyOf(CHECKS);
        }
    }

    /** Whether every check made so far passed. */
    public static boolean allInPlace() {
        return report().stream().allMatch(Check::ok);
    }

    /**
     * {@code direct} while every check made so far passed, else which internals are missing (their uses run on the
     * public API): what readiness reports, so that an upgrade that costs the fast path shows.
     */
    public static String summary() {
        List<String> missing = report().stream().filter(check -> !check.ok()).map(Check::internal).toList();
        return missing.isEmpty() ? "direct" : "public API for " + String.join(", ", missing);
    }

    /** The Vert.x WebSocket behind {@code connection}, or null when it cannot be reached (use the public API). */
    static WebSocketBase socketOf(Object connection) {
        if (SOCKET == null || !(connection instanceof WebSocketConnectionBase)) {
            return null;
        }
        try {
            return (WebSocketBase) SOCKET.invoke(connection);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("no Vert.x WebSocket behind %s: %s", connection, e);
            return null;
        }
    }

    /** A final text frame over {@code utf8}, which it shares (frames are written, never changed). */
    static WebSocketFrame textFrame(String text, byte[] utf8) {
        return TEXT_FRAME ? DirectFrames.text(utf8) : WebSocketFrame.textFrame(text, true);
    }

    /** The Netty channel behind a Vert.x connection, or null. */
    static Channel channelOf(Object vertxConnection) {
        return CHANNEL && vertxConnection instanceof ConnectionBase base ? base.channel() : null;
    }

    /**
     * Whether {@code pipeline} has Vert.x's handler where {@link FrameValidation} goes in front of it; the first
     * pipeline's answer is reported (and warned about when it is no).
     */
    static boolean hasVertxHandler(ChannelPipeline pipeline) {
        boolean present = pipeline.get(VERTX_HANDLER) != null;
        if (pipelineChecked == null) {
            synchronized (TransportInternals.class) {
                if (pipelineChecked == null) {
                    pipelineChecked = present;
                    record("Vert.x pipeline handler \"" + VERTX_HANDLER + "\"", present, present ? "found"
                            : "not in the pipeline " + pipeline.names() + ": text is not checked for UTF-8 (U+FFFD "
                                    + "instead of 1007), protocol violations drop the connection (1006 instead of "
                                    + "1002), oversized fragmented messages close with 1011 instead of 1009");
                }
            }
        }
        return present;
    }

    private static Method socketAccessor() {
        try {
            Method method = WebSocketConnectionBase.class.getDeclaredMethod("webSocket");
            if (!WebSocketBase.class.isAssignableFrom(method.getReturnType())) {
                throw new NoSuchMethodException("webSocket() returns " + method.getReturnType().getName());
            }
            method.setAccessible(true);
            record("WebSocketConnectionBase.webSocket()", true, "room frames go straight to the Vert.x socket");
            return method;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            record("WebSocketConnectionBase.webSocket()", false, e + ": frames go through sendText/sendBinary");
            return null;
        }
    }

    private static boolean textFrameConstructor() {
        String name = "WebSocketFrameImpl(WebSocketFrameType, byte[], boolean)";
        try {
            Constructor<?> constructor = Class.forName("io.vertx.core.http.impl.ws.WebSocketFrameImpl")
                    .getConstructor(WebSocketFrameType.class, byte[].class, boolean.class);
            byte[] sample = "{\"é\":1}".getBytes(StandardCharsets.UTF_8);
            WebSocketFrame frame = (WebSocketFrame) constructor.newInstance(WebSocketFrameType.TEXT, sample, true);
            if (!frame.isText() || !frame.isFinal() || !"{\"é\":1}".equals(frame.textData())) {
                throw new IllegalStateException("a frame built over UTF-8 bytes does not read back as that text");
            }
            record(name, true, "a frame's bytes are encoded once for all its recipients");
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            record(name, false, e + ": frames are encoded per recipient (WebSocketFrame.textFrame)");
            return false;
        }
    }

    private static boolean channelAccessor() {
        try {
            Method channel = Class.forName("io.vertx.core.net.impl.ConnectionBase").getMethod("channel");
            if (!Channel.class.isAssignableFrom(channel.getReturnType())) {
                throw new NoSuchMethodException("channel() returns " + channel.getReturnType().getName());
            }
            record("ConnectionBase.channel()", true, "frames are validated and flushes batched in the pipeline");
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            record("ConnectionBase.channel()", false, e + ": text is not checked for UTF-8, protocol violations "
                    + "drop the connection, flushes are not batched");
            return false;
        }
    }

    private static void record(String internal, boolean ok, String detail) {
        CHECKS.add(new Check(internal, ok, detail));
        if (ok) {
            LOG.debugf("transport internal %s: %s", internal, detail);
        } else {
            LOG.warnf("transport internal %s is not usable, falling back on the public API: %s", internal, detail);
        }
    }

    /** The direct frame constructor, in a class of its own that is only loaded once the check passed. */
    private static final class DirectFrames {
        static WebSocketFrame text(byte[] utf8) {
            return new WebSocketFrameImpl(WebSocketFrameType.TEXT, utf8, true);
        }
    }
}
