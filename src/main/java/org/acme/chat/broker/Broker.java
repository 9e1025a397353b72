package org.acme.chat.broker;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;

/**
 * Where the members of a room meet, whichever node they are connected to: who is in a room (presence, and names
 * unique per room), the room's history, and the fan-out of its events to every node. The room layer uses only this
 * interface and never knows which implementation runs.
 * <p>
 * Concurrency contract: every method may be called from any thread and never blocks; the returned stages complete on
 * any thread. {@link RoomEvent}s reach the listener one room at a time, in the room's {@code seq} order, each once.
 */
public interface Broker {

    /** Starts handing every room event, from any node, to {@code listener}. Called once, before anything else. */
    void deliverTo(Consumer<RoomEvent> listener);

    /**
     * Adds {@code member} to {@code room} and announces it (a join event to the others). Fails with a
     * {@link RefusedException} when the name is taken in the room ({@code NAME_TAKEN}), the room is full
     * ({@code ROOM_FULL}) or the broker cannot decide ({@code BROKER_UNAVAILABLE}). With {@code since} (may be
     * null), the result holds the messages after it instead of the recent history.
     */
    CompletionStage<Joined> join(String room, Member member, MessageId since);

    /** Removes {@code member} from {@code room} and announces it; nothing happens if it is not there. */
    CompletionStage<Void> leave(String room, Member member);

    /** Stores a message in the room's history, with the room's next id, and fans it out to every member. */
    CompletionStage<ChatMessage> post(String room, Member from, String text);

    /** Why joining {@code room} as {@code name} would be refused right now (the pre-upgrade check), or empty. */
    CompletionStage<Optional<Refusal>> checkJoin(String room, String name);

    /** Whether the broker reaches what it depends on, so that this node may take new members (readiness). */
    default boolean available() {
        return true;
    }
}
