package org.acme.chat.websocket;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.WebSocketConnection;
import io.quarkus.websockets.next.runtime.WebSocketConnectionBase;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * The fast way out for room frames: straight to the connection's Vert.x WebSocket, with the frame's UTF-8 bytes
 * shared by every member it goes to.
 * <p>
 * {@link WebSocketConnection#sendText(String)} costs, per recipient, a Mutiny {@code Uni} whose callbacks capture and
 * restore the request context (context propagation), a Micrometer counter lookup in WebSockets Next's sent-message
 * metrics, and two UTF-8 encodings of the same text. Profiled with a 1,000-member room that was most of the server's
 * time (bench/README.md). Here a broadcast encodes the frame once (the last frame encoded on a thread is kept, and a
 * room hands the same string to all its members in a row on one thread), wraps the shared bytes in a frame object per
 * member, and writes it to the Vert.x socket with a plain completion handler.
 * <p>
 * WebSockets Next does not expose the Vert.x socket, so it is read once per connection through its connection
 * class's package-private accessor (registered for reflection for the native image). Should that ever fail, the
 * connection falls back to {@code sendText} and a WARN says so once.
 */
@RegisterForReflection(targets = WebSocketConnectionBase.class, methods = true, fields = false)
final class FrameSender {

    private static final Logger LOG = Logger.getLogger(FrameSender.class);
    private static final Method WEB_SOCKET = accessor();
    private static final ThreadLocal<Encoded> LAST = ThreadLocal.withInitial(Encoded::new);

    private FrameSender() {
    }

    /** Whether room frames can bypass {@code sendText}: WebSockets Next still has the accessor this relies on. */
    static boolean direct() {
        return WEB_SOCKET != null;
    }

    /** The Vert.x WebSocket under {@code connection}, or null when it cannot be reached (then use sendText). */
    static WebSocketBase socketOf(WebSocketConnection connection) {
        if (WEB_SOCKET == null || !(connection instanceof WebSocketConnectionBase)) {
            return null;
        }
        try {
            return (WebSocketBase) WEB_SOCKET.invoke(connection);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("no Vert.x WebSocket behind %s: %s", connection.id(), e);
            return null;
        }
    }

    /** The UTF-8 bytes of {@code text}, encoded once for all the members a broadcast on this thread goes to. */
    static byte[] utf8(String text) {
        Encoded last = LAST.get();
        if (last.text != text) {
            last.bytes = text.getBytes(StandardCharsets.UTF_8);
            last.text = text;
        }
        return last.bytes;
    }

    /** A final text frame over {@code utf8}, which it shares (frames are written, never changed). */
    static WebSocketFrame textFrame(byte[] utf8) {
        return new WebSocketFrameImpl(WebSocketFrameType.TEXT, utf8, true);
    }

    private static Method accessor() {
        try {
            Method method = WebSocketConnectionBase.class.getDeclaredMethod("webSocket");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("WebSockets Next's connection no longer has webSocket(): room frames go through sendText (%s)", e);
            return null;
        }
    }

    /**
     * The text last encoded on a thread and its UTF-8 bytes, updated in place (a ThreadLocal set per broadcast showed
     * in profiles). Identity, not equality, decides a hit: a broadcast passes one instance around.
     */
    private static final class Encoded {
        private String text;
        private byte[] bytes;
    }
}
