package org.acme.chat.session;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.acme.chat.auth.RoomGrant;
import org.acme.chat.auth.TokenAuth;
import org.acme.chat.broker.Change;
import org.acme.chat.history.MessageId;
import org.acme.chat.logging.ConnectionLog;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.protocol.Pong;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;
import org.acme.chat.protocol.v2.Acked;
import org.acme.chat.protocol.v2.ClientFrame;
import org.acme.chat.protocol.v2.ErrorFrame;
import org.acme.chat.protocol.v2.Hello;
import org.acme.chat.protocol.v2.HistoryPage;
import org.acme.chat.protocol.v2.Left;
import org.acme.chat.protocol.v2.RefusedFrame;
import org.acme.chat.protocol.v2.Typing;
import org.acme.chat.room.JoinRequest;
import org.acme.chat.transport.Transport;

/**
 * A connection of a person (protocol v2, {@code /ws}): it says {@code hello} on open, then joins and leaves rooms on
 * demand, each room a {@link RoomSeat}, and turns the client's frames into room calls. Every room-scoped refusal is an
 * {@code error} frame with the room and the frame's {@code ref}; the connection stays open. On close it leaves every
 * room it is in.
 */
public final class PersonSession extends Session {

    private static final ConnectionLog LOG = ConnectionLog.of(PersonSession.class);
    /** A person's {@code typing} is relayed at most once per this many nanoseconds per room. */
    static final long TYPING_INTERVAL_NANOS = 2_000_000_000L;
    /** Read markers go to the broker at most once per this many milliseconds per room; the newest of the interval. */
    static final long READ_INTERVAL_MILLIS = 1_000;

    private final ChatSessions chats;
    private final Map<String, RoomSeat> seats = new ConcurrentHashMap<>();
    private volatile Member person;
    /** The rooms the token grants (auth on), else null: every room. */
    private volatile RoomGrant grant;

    PersonSession(Transport transport, ChatSessions chats) {
        super(transport, chats.admission);
        this.chats = chats;
    }

    /**
     * Admits the connection and says {@code hello} as the person of {@code rawName} and {@code rawClient} (with
     * {@code chat.auth.enabled}, of the token in {@code headers}). Completes at once; it never fails.
     */
    public CompletionStage<Void> open(String rawName, String rawClient, UnaryOperator<String> headers) {
        if (!admit()) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            if (chats.auth.enabled()) {
                TokenAuth.Outcome outcome = chats.auth.authenticate(headers);
                if (!outcome.accepted()) {
                    refuse(outcome.refusal()); // only a token that expired since the guard checked it gets here
                    return CompletableFuture.completedFuture(null);
                }
                person = Identity.subject(JoinRequest.name(outcome.name()), outcome.subject());
                grant = outcome.grant();
                closeAtExpiry(outcome.expiresAtMillis());
            } else {
                Identity.checkClientKey(rawClient);
                person = Identity.person(JoinRequest.name(rawName), rawClient);
            }
        } catch (RefusedException e) {
            refuse(e.refusal());
            return CompletableFuture.completedFuture(null);
        }
        send(encode(new Hello(person, id(), chats.maxRoomsPerSession)));
        return CompletableFuture.completedFuture(null);
    }

    Member person() {
        return person;
    }

    OutboundFrame encode(Object frame) {
        return chats.encoder.frame(frame);
    }

    @Override
    protected void text(String text) {
        if (person == null) {
            return;
        }
        ClientFrame frame;
        try {
            frame = chats.decoderV2.decode(text);
        } catch (RefusedFrame e) {
            refused(e.refusal(), e.room(), e.ref());
            return;
        }
        if (frame instanceof ClientFrame.Join join) {
            join(join);
        } else if (frame instanceof ClientFrame.InRoom inRoom) {
            RoomSeat seat = seats.get(inRoom.room());
            if (seat == null || !seat.joined) {
                refused(Refusal.Kind.NOT_IN_ROOM, inRoom.room(), inRoom.ref());
            } else {
                inRoom(seat, inRoom);
            }
        } else {
            send(encode(new Pong(admission.timers().currentTimeMillis())));
        }
    }

    private void inRoom(RoomSeat seat, ClientFrame.InRoom frame) {
        String room = seat.room;
        if (frame instanceof ClientFrame.Send message) {
            chats.rooms.post(room, person, message.text())
                    .whenComplete((posted, failure) -> acked(room, message.ref(), posted, failure));
        } else if (frame instanceof ClientFrame.Typing) {
            typing(seat);
        } else if (frame instanceof ClientFrame.Read read) {
            read(seat, read.id());
        } else if (frame instanceof ClientFrame.Edit edit) {
            changed(room, edit.ref(), edit.id(), chats.rooms.edit(room, person, edit.id(), edit.text()));
        } else if (frame instanceof ClientFrame.Delete delete) {
            changed(room, delete.ref(), delete.id(), chats.rooms.retract(room, person, delete.id()));
        } else if (frame instanceof ClientFrame.React react) {
            changed(room, react.ref(), react.id(),
                    chats.rooms.react(room, person, react.id(), react.emoji(), react.on()));
        } else if (frame instanceof ClientFrame.History history) {
            history(room, history);
        } else if (frame instanceof ClientFrame.Leave leave) {
            leave(seat);
            send(encode(Left.asked(room, leave.ref())));
        }
    }

    private void join(ClientFrame.Join join) {
        String room = join.room();
        if (seats.containsKey(room)) {
            refused(Refusal.Kind.ALREADY_JOINED, room, join.ref());
            return;
        }
        if (seats.size() >= chats.maxRoomsPerSession) {
            refused(Refusal.Kind.TOO_MANY_JOINED.because("this connection is in " + chats.maxRoomsPerSession
                    + " rooms, as many as it may be (chat.limits.max-rooms-per-session): leave one first"), room,
                    join.ref());
            return;
        }
        RoomGrant granted = grant;
        if (granted != null && !granted.allows(room)) {
            refused(TokenAuth.forbidden(room), room, join.ref());
            return;
        }
        RoomSeat seat = new RoomSeat(room, this, join.ref());
        seats.put(room, seat);
        chats.rooms.join(room, seat, join.since()).whenComplete((done, failure) -> {
            if (failure != null) {
                seats.remove(room, seat);
                Refusal refusal = RefusedException.of(failure);
                if (refusal == null) {
                    LOG.errorf(id(), failure, "join of connection %s failed unexpectedly", id());
                    refusal = Refusal.Kind.INTERNAL_ERROR;
                }
                refused(refusal, room, join.ref());
            }
        });
    }

    private void leave(RoomSeat seat) {
        if (seats.remove(seat.room, seat)) {
            seat.cancelTimers();
            chats.rooms.leave(seat.room, id());
        }
    }

    /** The server API removed the person from the room (kick, ban): {@code left} with the reason, on our thread. */
    void removedFrom(RoomSeat seat, String reason) {
        transport.execute(() -> {
            if (seats.get(seat.room) == seat) {
                leave(seat);
                send(encode(Left.removed(seat.room, Refusal.Kind.KICKED.code(),
                        reason == null || reason.isEmpty() ? Refusal.Kind.KICKED.message() : reason)));
            }
        });
    }

    /** The sender learns its message's id ({@code ack}) when it gave a {@code ref}, or why it was not posted. */
    private void acked(String room, String ref, ChatMessage posted, Throwable failure) {
        if (failure != null) {
            LOG.debugf(id(), "message from connection %s not posted: %s", id(), failure.getClass().getName());
            // The broker posts only for a member: a kick or a leave raced the message.
            refused(failure, Refusal.Kind.NOT_IN_ROOM, room, ref);
        } else if (ref != null) {
            send(encode(new Acked(room, ref, posted.id())));
        }
    }

    /**
     * Answers a change of message {@code id}: an {@code error} when it was refused; else, when the frame had a
     * {@code ref}, an {@code ack} (the room's event tells everyone of a change, this session included; a change that
     * changed nothing is announced to nobody, and the ack is how the client knows it was handled).
     */
    private void changed(String room, String ref, MessageId id, CompletionStage<Change> change) {
        change.whenComplete((outcome, failure) -> {
            if (failure != null) {
                refused(failure, Refusal.Kind.BROKER_UNAVAILABLE, room, ref);
                return;
            }
            switch (outcome) {
                case FORBIDDEN -> refused(Refusal.Kind.FORBIDDEN, room, ref);
                case NOT_FOUND -> refused(Refusal.Kind.NOT_FOUND, room, ref);
                case TOO_MANY_EMOJI -> refused(Refusal.Kind.TOO_MANY_REACTIONS.because("a message holds at most "
                        + Change.MAX_EMOJI + " different emoji and " + Change.MAX_REACTIONS + " reactions"), room, ref);
                default -> {
                    if (ref != null) {
                        send(encode(new Acked(room, ref, id.toString())));
                    }
                }
            }
        });
    }

    /** Relays {@code typing} unless one went out for this room less than {@link #TYPING_INTERVAL_NANOS} ago. */
    private void typing(RoomSeat seat) {
        long now = admission.timers().nanoTime();
        if (seat.typingAt != Long.MIN_VALUE && now - seat.typingAt < TYPING_INTERVAL_NANOS) {
            return;
        }
        seat.typingAt = now;
        chats.rooms.typing(seat.room, person, encode(new Typing(seat.room, person)));
    }

    /** Sends the read marker now, or holds the newest until the room's interval is over. */
    private void read(RoomSeat seat, MessageId id) {
        long now = admission.timers().nanoTime();
        if (seat.readAt == Long.MIN_VALUE || now - seat.readAt >= READ_INTERVAL_MILLIS * 1_000_000) {
            markRead(seat, id, now);
            return;
        }
        if (seat.heldRead == null || id.compareTo(seat.heldRead) > 0) {
            seat.heldRead = id;
        }
        if (seat.readTimer == null) {
            long wait = Math.max(1, READ_INTERVAL_MILLIS - (now - seat.readAt) / 1_000_000);
            seat.readTimer = admission.timers().schedule(wait, () -> transport.execute(() -> {
                seat.readTimer = null;
                MessageId held = seat.heldRead;
                seat.heldRead = null;
                if (held != null && seats.get(seat.room) == seat) {
                    markRead(seat, held, admission.timers().nanoTime());
                }
            }));
        }
    }

    private void markRead(RoomSeat seat, MessageId id, long now) {
        seat.readAt = now;
        changed(seat.room, null, id, chats.rooms.read(seat.room, person, id));
    }

    private void history(String room, ClientFrame.History history) {
        int limit = history.limit();
        chats.rooms.history(room, history.before(), limit + 1).whenComplete((messages, failure) -> {
            if (failure != null) {
                refused(failure, Refusal.Kind.BROKER_UNAVAILABLE, room, history.ref());
                return;
            }
            boolean more = messages.size() > limit;
            List<ChatMessage> page = more ? messages.subList(messages.size() - limit, messages.size()) : messages;
            send(encode(new HistoryPage(room, history.ref(), List.copyOf(page), more)));
        });
    }

    /** A broker call failed: its refusal, or {@code otherwise} when the failure is none. */
    private void refused(Throwable failure, Refusal otherwise, String room, String ref) {
        Refusal refusal = RefusedException.of(failure);
        refused(refusal != null ? refusal : otherwise, room, ref);
    }

    private void refused(Refusal refusal, String room, String ref) {
        admission.metrics().error(refusal);
        send(encode(new ErrorFrame(refusal, room, ref)));
    }

    @Override
    protected void binary(byte[] data) {
        close(Refusal.Kind.BINARY_FRAME);
    }

    /** The dropped frame's room and ref go with the error, so a client knows which frame to send again. */
    @Override
    protected void rateLimited(Refusal refusal, String text) {
        RefusedFrame dropped = text == null ? new RefusedFrame(refusal, null, null)
                : chats.decoderV2.refused(refusal, text);
        send(encode(dropped.errorFrame()));
    }

    @Override
    protected void released() {
        for (RoomSeat seat : List.copyOf(seats.values())) {
            leave(seat);
        }
    }
}
