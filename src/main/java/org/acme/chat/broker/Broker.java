package org.acme.chat.broker;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.OutboundFrame;
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
     * ({@code ROOM_FULL}), the name is banned from it ({@code BANNED}) or the broker cannot decide ({@code BROKER_UNAVAILABLE}). With {@code since} (may be
     * null), the result holds the messages after it instead of the recent history.
     */
    default CompletionStage<Joined> join(String room, Member member, MessageId since) {
        return join(room, member, member.id(), since);
    }

    /**
     * Adds connection {@code session} of {@code person} to {@code room} (protocol v2: one person, several sessions;
     * a v1 connection is a person of one session whose id is the session's). The person's first session adds them
     * and announces it; a later one only counts ({@link Joined#sessions}), and its {@link Joined#seq} is the room's
     * last event. A name held by another person is {@code NAME_TAKEN}; the rest is as {@link #join(String, Member,
     * MessageId)}. {@link Joined#read} is the person's read marker.
     */
    CompletionStage<Joined> join(String room, Member person, String session, MessageId since);

    /** Removes {@code member} from {@code room} and announces it; nothing happens if it is not there. */
    default CompletionStage<Void> leave(String room, Member member) {
        return leave(room, member, member.id());
    }

    /**
     * Removes connection {@code session} of {@code person} from {@code room}; when it was the person's last session
     * there, the person leaves and it is announced. Nothing happens if it is not there.
     */
    CompletionStage<Void> leave(String room, Member person, String session);

    /**
     * Replaces the text of message {@code id} with {@code text} if {@code person} wrote it, keeps it with the message
     * and announces it ({@link org.acme.chat.protocol.MessageType#EDITED}, an {@code edited} frame).
     */
    CompletionStage<Change> edit(String room, Member person, MessageId id, String text);

    /**
     * Deletes message {@code id} if {@code person} wrote it: its tombstone stays in the history ({@code deleted:true},
     * no text) and it is announced ({@link org.acme.chat.protocol.MessageType#DELETED}). Unlike {@link #delete}.
     */
    CompletionStage<Change> retract(String room, Member person, MessageId id);

    /**
     * Puts ({@code on}) or takes back {@code person}'s {@code emoji} on message {@code id}, kept with the message, and
     * announces a change ({@link org.acme.chat.protocol.MessageType#REACTION}); {@link Change#UNCHANGED} (nothing
     * announced) when it was so already.
     */
    CompletionStage<Change> react(String room, Member person, MessageId id, String emoji, boolean on);

    /**
     * Moves {@code person}'s read marker in {@code room} to {@code id}, kept as long as the room's history, and
     * announces it ({@link org.acme.chat.protocol.MessageType#READ}); {@link Change#UNCHANGED} when the marker is at
     * or past it, {@link Change#NOT_FOUND} when the room has no such message.
     */
    CompletionStage<Change> read(String room, Member person, MessageId id);

    /** Relays an ephemeral event ({@code frame}, a {@code typing} one) from {@code person} to the room; nothing kept. */
    CompletionStage<Void> typing(String room, Member person, OutboundFrame frame);

    /** Stores a message in the room's history, with the room's next id, and fans it out to every member. */
    CompletionStage<ChatMessage> post(String room, Member from, String text);

    /**
     * Stores a message from a sender that is no member of the room (the server API's system sender, or a name the
     * backend chose) and fans it out to every member, exactly like a member's message.
     */
    CompletionStage<ChatMessage> publish(String room, Member from, String text);

    /**
     * Deletes message {@code id} from the room's history and announces it ({@link org.acme.chat.protocol.MessageType#DELETED});
     * completes with false when the history does not hold it.
     */
    CompletionStage<Boolean> delete(String room, MessageId id);

    /**
     * Removes every session of the member named {@code name} (compared as a {@link NameKey}) from {@code room}, on every
     * node: a {@link org.acme.chat.protocol.MessageType#REMOVED} event with {@code reason}. Completes with false when no
     * member of that name is present.
     */
    CompletionStage<Boolean> kick(String room, String name, String reason);

    /**
     * Bans {@code name} (as a {@link NameKey}) from {@code room} for {@code duration}: joins are refused
     * ({@code BANNED}) on every node until it expires or {@link #unban} lifts it. Kicks the member too; completes with
     * whether one was present.
     */
    CompletionStage<Boolean> ban(String room, String name, Duration duration, String reason);

    /** Lifts a ban; completes with false when there was none. */
    CompletionStage<Boolean> unban(String room, String name);

    /**
     * The rooms with members on any node whose names start with {@code prefix} and sort after {@code after} (null: from
     * the first), by name, at most {@code limit}; a page may hold fewer while more follow (see {@link RoomPage#next}).
     */
    CompletionStage<RoomPage> rooms(String prefix, String after, int limit);

    /** The members of {@code room} on every node, in order of arrival. */
    CompletionStage<List<Member>> members(String room);

    /**
     * Up to {@code limit} of the room's stored messages older than {@code before} (null: the newest), oldest first, as
     * they stand now (edits, tombstones, reactions).
     */
    CompletionStage<List<ChatMessage>> history(String room, MessageId before, int limit);

    /**
     * Reports this node's counts ({@code self}) and answers with every node's recent report; a report older than
     * {@code staleAfter} no longer counts.
     */
    CompletionStage<Census> census(Census.NodeStats self, Duration staleAfter);

    /** Why joining {@code room} as {@code name} would be refused right now (the pre-upgrade check), or empty. */
    CompletionStage<Optional<Refusal>> checkJoin(String room, String name);

    /** Whether the broker reaches what it depends on, so that this node may take new members (readiness). */
    default boolean available() {
        return true;
    }
}
