package org.acme.chat.websocket;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.WebSocketBase;
import java.util.concurrent.atomic.AtomicLong;
import org.acme.chat.protocol.Member;
import org.acme.chat.room.Participant;
import org.jboss.logging.Logger;

/**
 * Adapts a WebSocket connection to the room layer: a member of one room whose frames go out on this connection. It
 * counts what is queued for the client and not yet written to its socket; past {@code chat.send-queue.max-bytes}
 * (a client that does not read) it stops queueing and hands the connection to {@code onOverflow}, once.
 */
final class ConnectionParticipant implements Participant {

    private static final Logger LOG = Logger.getLogger(ConnectionParticipant.class);

    private final WebSocketConnection connection;
    private final WebSocketBase socket;
    private final Member member;
    private final String room;
    private final long maxQueuedBytes;
    private final Runnable onOverflow;
    private final AtomicLong queued = new AtomicLong();
    private volatile boolean overflowed;

    ConnectionParticipant(WebSocketConnection connection, Member member, String room, long maxQueuedBytes,
            Runnable onOverflow) {
        this.connection = connection;
        this.socket = FrameSender.socketOf(connection);
        this.member = member;
        this.room = room;
        this.maxQueuedBytes = maxQueuedBytes;
        this.onOverflow = onOverflow;
    }

    @Override
    public Member member() {
        return member;
    }

    String room() {
        return room;
    }

    @Override
    public void deliver(String frame) {
        if (overflowed) {
            return;
        }
        byte[] utf8 = FrameSender.utf8(frame);
        int size = utf8.length;
        if (queued.addAndGet(size) > maxQueuedBytes) {
            overflowed = true;
            LOG.infof("closing connection %s: %d bytes queued for a client that does not read", connection.id(),
                    queued.get() - size);
            onOverflow.run();
            return;
        }
        if (socket != null) {
            socket.writeFrame(FrameSender.textFrame(utf8), written -> {
                queued.addAndGet(-size);
                if (written.failed()) {
                    LOG.debugf("delivery on connection %s failed: %s", connection.id(), written.cause());
                }
            });
        } else {
            connection.sendText(frame).subscribe().with(
                    written -> queued.addAndGet(-size),
                    failure -> LOG.debugf("delivery on connection %s failed: %s", connection.id(), failure));
        }
    }
}
