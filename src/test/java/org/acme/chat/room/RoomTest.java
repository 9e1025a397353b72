package org.acme.chat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.acme.chat.broker.RoomEvent;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.MessageType;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.support.ManualTimers;
import org.junit.jupiter.api.Test;

/** One room's seats on this node, driven directly. */
class RoomTest {

    /** A participant whose seat is {@code seat} (a v2 connection's id), recording what it is handed. */
    private static final class Recorder implements Participant {
        private final String seat;
        private final List<String> frames = new ArrayList<>();

        Recorder(String seat) {
            this.seat = seat;
        }

        @Override
        public Member member() {
            return new Member("p1", "alice");
        }

        @Override
        public String seat() {
            return seat;
        }

        @Override
        public void deliver(OutboundFrame frame) {
            frames.add(frame.text());
        }

        @Override
        public void removed(String reason) {
        }
    }

    @Test
    void aStaleWelcomeOfAConnectionThatLeftAndJoinedAgainGoesNowhere() {
        ManualTimers timers = new ManualTimers();
        Room room = new Room(new PresenceNotices(10, 30, timers.nanoTime()), timers, 1_000, PresenceMeter.NONE);
        Recorder first = new Recorder("conn-1");
        Recorder again = new Recorder("conn-1");
        room.seat(first);
        room.unseat("conn-1"); // left while its join was with the broker...
        room.seat(again); // ...and joined again on the same connection
        room.dispatch(new RoomEvent("lobby", 7, MessageType.MESSAGE, "p2", OutboundFrame.text("after")));

        assertFalse(room.welcome(first, OutboundFrame.text("stale welcome"), 5), "the first join's answer is stale");
        assertTrue(room.holds("conn-1"));
        assertTrue(room.welcome(again, OutboundFrame.text("welcome"), 6));
        assertEquals(List.of("welcome", "after"), again.frames, "its own welcome, then what came after its join");
        assertEquals(List.of(), first.frames);
    }
}
