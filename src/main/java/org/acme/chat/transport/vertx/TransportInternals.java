package org.acme.chat.transport.vertx;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.runtime.WebSocketConnectionBase;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.impl.WebSocketInternal;
import io.vertx.core.net.impl.ConnectionBase;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.acme.chat.logging.ConnectionLog;
import org.jboss.logging.Logger;

/**
 * Every Quarkus, Vert.x and Netty internal this adapter relies on, each checked once, with the public API it falls
 * back on when the check fails (a WARN says so; nothing fails silently after an upgrade):
 * <ul>
 * <li>{@link #SOCKET}: WebSockets Next's package-private {@code WebSocketConnectionBase.webSocket()}, the Vert.x
 * socket behind a connection.</li>
 * <li>{@link #UNWRAP}: Vert.x Web's {@code ServerWebSocketWrapper.delegate}, the Vert.x socket inside the wrapper
 * that a routed upgrade hands WebSockets Next.</li>
 * <li>{@link #HANDLER_CONTEXT}: Vert.x's {@code WebSocketInternal.channelHandlerContext()}, the way into the socket's
 * Netty pipeline, where {@link LoopWriter} writes pre-encoded frames from the WebSocket encoder's position, batched
 * per event loop. With the two before it; fallback: {@code sendText}/{@code sendBinary} (a Uni, a context capture
 * and a metric lookup per frame and recipient).</li>
 * <li>{@link #CHANNEL}: Vert.x's {@code ConnectionBase.channel()}, the Netty channel of an upgrade request, for
 * {@link FrameValidation} (1007, 1002, 1009 answers). Fallback: none (invalid UTF-8 becomes U+FFFD, protocol
 * violations drop the TCP connection).</li>
 * <li>{@link #VERTX_HANDLER}: Vert.x's pipeline handler name {@code "handler"}, in front of which
 * {@link FrameValidation} goes, and a Netty WebSocket frame encoder in an upgraded pipeline (which lets
 * {@link LoopWriter}'s encoded frames through). Only a live pipeline can show these, so the first upgrade checks them.
 * Fallback: no frame validation; the public API for frames.</li>
 * </ul>
 * The first four are checked when this class loads, which {@code TransportStartup} makes happen at start-up.
 * {@link #report()} lists every check's outcome.
 */
@RegisterForReflection(targets = { WebSocketConnectionBase.class, WebSocketInternal.class, ConnectionBase.class },
        classNames = TransportInternals.WRAPPER, methods = true, fields = true)
public final class TransportInternals {

    /** One internal and how its check went. */
    public record Check(String internal, boolean ok, String detail) {
    }

    static final String VERTX_HANDLER = "handler";
    static final String WRAPPER = "io.vertx.ext.web.impl.ServerWebSocketWrapper";
    private static final Logger LOG = Logger.getLogger(TransportInternals.class);
    private static final ConnectionLog CONNECTIONS = ConnectionLog.of(TransportInternals.class);
    private static final List<Check> CHECKS = Collections.synchronizedList(new ArrayList<>());

    static final Method SOCKET = socketAccessor();
    static final Field UNWRAP = wrappedSocket();
    static final boolean HANDLER_CONTEXT = handlerContextAccessor();
    static final boolean CHANNEL = channelAccessor();
    private static volatile Boolean pipelineChecked;
    private static volatile Boolean encoderChecked;

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
            String id = ((WebSocketConnectionBase) connection).id();
            CONNECTIONS.debugf(id, "no Vert.x WebSocket behind connection %s: %s", id, e);
            return null;
        }
    }

    /**
     * Where in its Netty pipeline the frames of {@code socket} are written: the context of Netty's WebSocket frame
     * encoder, so that pre-encoded frames go from there straight to the socket (past Vert.x's idle-state handler, which
     * would give every write a promise of its own; the heartbeat is what keeps WebSockets alive). Null when they must go
     * through the public API: the internals are missing, or the upgraded pipeline has no WebSocket frame encoder
     * (checked, and reported, on the first connection).
     */
    static ChannelHandlerContext encoderContextOf(WebSocketBase socket) {
        if (!HANDLER_CONTEXT || !(unwrap(socket) instanceof WebSocketInternal internal)) {
            return null;
        }
        ChannelHandlerContext vertx = internal.channelHandlerContext();
        ChannelHandlerContext encoder = vertx == null ? null : vertx.pipeline().context(WebSocketFrameEncoder.class);
        if (encoderChecked == null && vertx != null) {
            synchronized (TransportInternals.class) {
                if (encoderChecked == null) {
                    encoderChecked = encoder != null;
                    record("Netty WebSocket frame encoder in the pipeline", encoder != null, encoder != null ? "found"
                            : "not in " + vertx.pipeline().names() + ": frames go through sendText/sendBinary");
                }
            }
        }
        return encoder;
    }

    /** The Vert.x socket itself: {@code socket}, or the one inside Vert.x Web's wrapper of it (null if unreachable). */
    private static Object unwrap(WebSocketBase socket) {
        if (socket == null || !socket.getClass().getName().equals(WRAPPER)) {
            return socket;
        }
        try {
            return UNWRAP == null ? null : UNWRAP.get(socket);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("cannot unwrap a %s: %s", socket.getClass().getName(), e);
            return null;
        }
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
            record("WebSocketConnectionBase.webSocket()", true, "the Vert.x socket behind a connection is reachable");
            return method;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            record("WebSocketConnectionBase.webSocket()", false, e + ": frames go through sendText/sendBinary");
            return null;
        }
    }

    private static Field wrappedSocket() {
        String name = "ServerWebSocketWrapper.delegate";
        try {
            Field field = Class.forName(WRAPPER).getDeclaredField("delegate");
            if (!WebSocketBase.class.isAssignableFrom(field.getType())) {
                throw new NoSuchFieldException("delegate is a " + field.getType().getName());
            }
            field.setAccessible(true);
            record(name, true, "the Vert.x socket inside Vert.x Web's wrapper is reachable");
            return field;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            record(name, false, e + ": frames go through sendText/sendBinary");
            return null;
        }
    }

    private static boolean handlerContextAccessor() {
        return publicMethod("io.vertx.core.http.impl.WebSocketInternal", "channelHandlerContext",
                ChannelHandlerContext.class,
                "frames are written to the channel, batched per event loop, encoded once per broadcast",
                "frames go through sendText/sendBinary");
    }

    private static boolean channelAccessor() {
        return publicMethod("io.vertx.core.net.impl.ConnectionBase", "channel", Channel.class,
                "inbound frames are validated in the pipeline",
                "text is not checked for UTF-8, protocol violations drop the connection");
    }

    /** Checks and records that {@code className} has a public no-argument {@code method} returning {@code returns}. */
    private static boolean publicMethod(String className, String method, Class<?> returns, String ok,
            String fallback) {
        String name = className.substring(className.lastIndexOf('.') + 1) + "." + method + "()";
        try {
            Method found = Class.forName(className).getMethod(method);
            if (!returns.isAssignableFrom(found.getReturnType())) {
                throw new NoSuchMethodException(method + "() returns " + found.getReturnType().getName());
            }
            record(name, true, ok);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            record(name, false, e + ": " + fallback);
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
}
