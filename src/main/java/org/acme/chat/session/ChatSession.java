package org.acme.chat.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.acme.chat.auth.TokenAuth;
import org.acme.chat.logging.ConnectionLog;
import org.acme.chat.protocol.Ack;
import org.acme.chat.protocol.ClientFrame;
import org.acme.chat.protocol.ErrorEvent;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.protocol.Pong;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;
import org.acme.chat.room.JoinRequest;
import org.acme.chat.room.Participant;
import org.acme.chat.transport.Transport;

/**
 * A connection to one chat room (protocol v1): it joins the room on open, turns the client's frames into room calls,
 * and is the room's participant for this connection, its frames going out through the session's bounded queue. It
 * leaves the room once, on close or at the first server-side close (refusal, heartbeat reap), whichever comes first.
 */
public final class ChatSession extends Session implements Participant {

    private static final ConnectionLog LOG = ConnectionLog.of(ChatSession.class);
    /** What a WebSocket close frame leaves for the reason (RFC 6455: 125 bytes of payload, 2 of them the code). */
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    private final ChatSessions chats;
    private final AtomicBoolean seated = new AtomicBoolean();
    private volatile Member member;
    private volatile String room;

    ChatSession(Transport transport, ChatSessions chats) {
        super(transport, chats.admission);
        this.chats = chats;
    }

    /**
     * Admits the connection and joins {@code rawRoom} as {@code rawName} ({@code rawSince} to resume; with
     * {@code chat.auth.enabled} the name comes from the token in {@code headers}). Completes once the welcome is out,
     * or the connection was refused and is closing; it never fails. The pre-upgrade guard refused what it could see
     * already: what fails here raced it.
     */
    public CompletionStage<Void> open(String rawRoom, String rawName, String rawSince, UnaryOperator<String> headers) {
        if (!admit()) {
            return CompletableFuture.completedFuture(null);
        }
        String name = rawName;
        long expiresAt = 0;
        if (chats.auth.enabled()) {
            TokenAuth.Outcome outcome = chats.auth.authenticate(headers, rawRoom);
            if (!outcome.accepted()) {
                refuse(outcome.refusal()); // only a token that expired since the guard checked it gets here
                return CompletableFuture.completedFuture(null);
            }
            name = outcome.name();
            expiresAt = outcome.expiresAtMillis();
        }
        JoinRequest request;
        try {
            request = JoinRequest.parse(rawRoom, name, rawSince);
        } catch (RefusedException e) {
            refuse(e.refusal());
            return CompletableFuture.completedFuture(null);
        }
        member = new Member(id(), request.name());
        room = request.room();
        seated.set(true); // seated before the broker answers: a close meanwhile leaves, and the join is undone
        long expiry = expiresAt;
        return chats.rooms.join(room, this, request.since()).handle((joined, failure) -> {
            if (failure != null) {
                refused(failure);
            } else if (expiry > 0) {
                expireAt(expiry);
            }
            return null;
        });
    }

    @Override
    public Member member() {
        return member;
    }

    /** The room's frames for this member, in room order. */
    @Override
    public void deliver(OutboundFrame frame) {
        send(frame);
    }

    /**
     * The server API removed this member (kick or ban): close with 4403 and the reason, on the connection's own thread
     * (this runs under the room's lock). The reason is cut to the 123 bytes a close frame carries.
     */
    @Override
    public void removed(String reason) {
        LOG.debugf(id(), "connection %s removed from its room by the server API", id());
        transport.execute(() -> close(Refusal.Kind.KICKED.because(closeReason(reason))));
    }

    /** {@code reason} within the 123 bytes of UTF-8 a close frame's reason may have, cut between code points. */
    static String closeReason(String reason) {
        if (reason == null || reason.isEmpty()) {
            return Refusal.Kind.KICKED.message();
        }
        int bytes = 0;
        int end = 0;
        while (end < reason.length()) {
            int cp = reason.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_CLOSE_REASON_BYTES) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return reason.substring(0, end);
    }

    @Override
    protected void text(String frame) {
        if (!seated.get()) {
            return;
        }
        ClientFrame decoded;
        try {
            decoded = chats.decoder.decode(frame);
        } catch (RefusedException e) {
            admission.metrics().error(e.refusal());
            send(chats.encoder.frame(new ErrorEvent(e.refusal())));
            return;
        }
        if (decoded instanceof ClientFrame.Send message) {
            chats.rooms.post(room, member, message.text()).whenComplete((posted, failure) -> {
                if (failure != null) {
                    LOG.debugf(id(), "message from connection %s not posted: %s", id(), failure.getClass().getName());
                } else if (message.ref() != null) {
                    send(chats.encoder.frame(new Ack(message.ref(), posted.id())));
                }
            });
        } else {
            send(chats.encoder.frame(new Pong(admission.timers().currentTimeMillis())));
        }
    }

    @Override
    protected void binary(byte[] data) {
        close(Refusal.Kind.BINARY_FRAME);
    }

    @Override
    protected void rateLimited(Refusal refusal, String text) {
        send(chats.encoder.frame(new ErrorEvent(refusal)));
    }

    @Override
    protected void released() {
        if (seated.compareAndSet(true, false)) {
            chats.rooms.leave(room, member.id());
        }
    }

    /** The join failed: the registry has unseated the member already. */
    private void refused(Throwable failure) {
        seated.set(false);
        Refusal refusal = RefusedException.of(failure);
        if (refusal == null) {
            LOG.errorf(id(), failure, "closing connection %s: its join failed unexpectedly", id());
            refusal = Refusal.Kind.INTERNAL_ERROR;
        }
        refuse(refusal);
    }

    /** Closes the connection with 1008 when its token expires. */
    private void expireAt(long expiresAtMillis) {
        if (!seated.get()) {
            return; // closed while the broker was busy
        }
        closeAtExpiry(expiresAtMillis);
    }
}
