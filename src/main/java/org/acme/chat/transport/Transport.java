package org.acme.chat.transport;

import java.util.List;
import org.acme.chat.protocol.OutboundFrame;

/**
 * One client connection as the service sees it below the endpoints: frames out, a ping, a close. Sessions, rooms,
 * admission, the heartbeat and shutdown use only this; {@code transport.vertx} adapts a WebSockets Next connection to
 * it, and tests drive sessions through a recording one, without sockets.
 * <p>
 * Concurrency contract: every method may be called from any thread and never blocks. Frames sent from one thread go
 * out in the order they were sent, and a close sent after them goes out after them. Once closed, sends are dropped and
 * closes are no-ops.
 */
public interface Transport {

    /** The connection's id: unique on this node, used in logs and as the member id. */
    String id();

    /** The client's IP address as the server sees it (the TCP peer: a proxy's address behind one). */
    String remoteIp();

    /** Queues one frame for the client. The frame is shared with other recipients: it is read, never changed. */
    void send(OutboundFrame frame);

    /** Queues frames in order, as {@link #send} would one by one. */
    default void sendMany(List<OutboundFrame> frames) {
        for (OutboundFrame frame : frames) {
            send(frame);
        }
    }

    /**
     * Payload bytes queued for this client and not yet handed to the operating system: what a client that does not
     * read makes the server hold.
     */
    long pendingBytes();

    /** Sends a WebSocket protocol ping (the client's library answers with a pong). */
    void ping();

    /** Starts the closing handshake with {@code code} and {@code reason}; the connection's close callback follows. */
    void close(int code, String reason);

    /** Runs {@code task} on the connection's own thread, after whatever runs there now (never inline). */
    void execute(Runnable task);

    /**
     * Calls {@code listener} on the connection's own thread for every continuation frame the client sends, as it
     * arrives; the message it belongs to is handed over whole, later. Set once, from the connection's thread. A
     * transport that cannot see frames (the public API fallback) never calls it.
     */
    default void onContinuationFrame(Runnable listener) {
    }
}
