package org.acme.chat.room;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.acme.chat.broker.Broker;
import org.acme.chat.broker.Census;
import org.acme.chat.broker.RoomPage;
import org.acme.chat.history.MessageId;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;

/**
 * What the server API does to rooms, on every node through the {@link Broker}: post as the server, delete a message,
 * remove (kick) or ban a member, and read rooms, members, history and the cluster's counts. Callers validate room
 * names, member names and texts first (the same rules as members'); this class decides nothing about who may call.
 */
@ApplicationScoped
public class RoomAdmin {

    /** The id of every message the server API posts: no connection has it, so clients can tell the server's messages. */
    public static final String SYSTEM_ID = "system";

    private final Broker broker;
    private final RoomService rooms;
    private final ChatMetrics metrics;

    public RoomAdmin(Broker broker, RoomService rooms, ChatMetrics metrics) {
        this.broker = broker;
        this.rooms = rooms;
        this.metrics = metrics;
    }

    /** Posts {@code text} as {@code from} (null: {@link JoinRequest#SYSTEM_NAME}), always with {@link #SYSTEM_ID}. */
    public CompletionStage<ChatMessage> post(String room, String from, String text) {
        metrics.received();
        return broker.publish(room, new Member(SYSTEM_ID, from == null ? JoinRequest.SYSTEM_NAME : from), text);
    }

    public CompletionStage<Boolean> delete(String room, MessageId id) {
        return broker.delete(room, id);
    }

    public CompletionStage<Boolean> kick(String room, String name, String reason) {
        return broker.kick(room, name, reason);
    }

    public CompletionStage<Boolean> ban(String room, String name, Duration duration, String reason) {
        return broker.ban(room, name, duration, reason);
    }

    public CompletionStage<Boolean> unban(String room, String name) {
        return broker.unban(room, name);
    }

    public CompletionStage<RoomPage> rooms(String prefix, String after, int limit) {
        return broker.rooms(prefix, after, limit);
    }

    public CompletionStage<List<Member>> members(String room) {
        return broker.members(room);
    }

    public CompletionStage<List<ChatMessage>> history(String room, MessageId before, int limit) {
        return broker.history(room, before, limit);
    }

    /** Reports this node's counts and answers with every node's; reports older than {@code staleAfter} are gone. */
    public CompletionStage<Census> census(double messagesPerSecond, Duration staleAfter) {
        return broker.census(new Census.NodeStats("local", rooms.connections(), rooms.activeRooms(), messagesPerSecond),
                staleAfter);
    }
}
