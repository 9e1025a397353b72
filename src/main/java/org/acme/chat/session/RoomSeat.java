package org.acme.chat.session;

import java.util.ArrayList;
import java.util.List;
import org.acme.chat.broker.Joined;
import org.acme.chat.broker.RoomEvent;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.MessageType;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.protocol.v2.Person;
import org.acme.chat.room.Participant;
import org.acme.chat.time.Timers;

/**
 * A v2 connection's seat in one of its rooms: the room's participant for it. Its frames go out through the
 * connection's queue; it also keeps what the connection coalesces per room (typing, read markers).
 */
final class RoomSeat implements Participant {

    final String room;
    private final PersonSession session;
    /** The join's {@code ref}, echoed in {@code joined}. */
    private final String joinRef;
    /** Whether the broker accepted the join ({@code joined} is out or about to be). */
    volatile boolean joined;
    /** When a {@code typing} was last relayed ({@link Timers#nanoTime}); only on the connection's thread. */
    long typingAt = Long.MIN_VALUE;
    /** When a read marker was last sent to the broker, and the newest one held since. Connection's thread only. */
    long readAt = Long.MIN_VALUE;
    MessageId heldRead;
    Timers.Timer readTimer;

    RoomSeat(String room, PersonSession session, String joinRef) {
        this.room = room;
        this.session = session;
        this.joinRef = joinRef;
    }

    @Override
    public Member member() {
        return session.person();
    }

    @Override
    public String seat() {
        return session.id();
    }

    @Override
    public OutboundFrame greeting(String room, Joined welcome) {
        joined = true;
        List<Person> people = new ArrayList<>(welcome.members().size());
        for (Member member : welcome.members()) {
            people.add(new Person(member.id(), member.name(), welcome.sessionsOf(member)));
        }
        Joined.Resume resume = welcome.resume();
        return session.encode(new org.acme.chat.protocol.v2.Joined(room, joinRef, people,
                List.<ChatMessage>copyOf(welcome.history()),
                welcome.read() == null ? null : welcome.read().toString(),
                resume == null ? null : resume.recovered(), resume == null ? null : resume.reason()));
    }

    @Override
    public void deliver(OutboundFrame frame) {
        session.send(frame);
    }

    /** The v2-only events: all go out, but the person's own {@code typing}. */
    @Override
    public void signal(RoomEvent event) {
        if (event.type() == MessageType.TYPING && event.memberId().equals(session.person().id())) {
            return;
        }
        session.send(event.frame());
    }

    @Override
    public void removed(String reason) {
        session.removedFrom(this, reason);
    }

    void cancelTimers() {
        Timers.Timer timer = readTimer;
        if (timer != null) {
            timer.cancel();
        }
    }
}
