package org.acme.chat.broker.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acme.chat.broker.Census;
import org.acme.chat.broker.RoomPage;
import org.acme.chat.history.MessageId;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;
import org.jboss.logging.Logger;

/**
 * What the server API reads from Redis, across nodes: the room index (rooms with members on any node, renewed with
 * presence), a room's live members, its stored history page by page (each message as it stands now), and the nodes'
 * reports for the stats. Also how the broker's replies turn back into members and messages.
 */
final class RedisDirectory {

    static final String ROOMS = "chat:{_cluster}:rooms";
    static final String NODES = "chat:{_cluster}:nodes";
    private static final Logger LOG = Logger.getLogger(RedisDirectory.class);

    private final RedisCommands commands;
    private final ObjectMapper mapper;
    private final String node;
    private final long ttlMs;
    private final long retentionMs;
    private final MessageState state;

    RedisDirectory(RedisCommands commands, ObjectMapper mapper, String node, long ttlMs, long retentionMs) {
        this.commands = commands;
        this.mapper = mapper;
        this.node = node;
        this.ttlMs = ttlMs;
        this.retentionMs = retentionMs;
        this.state = new MessageState(mapper);
    }

    /** Lists {@code rooms} (this node has members there) in the room index for a presence TTL more. */
    Future<Response> index(Collection<String> rooms) {
        List<Object> args = new ArrayList<>(rooms.size() + 1);
        args.add(ttlMs);
        args.addAll(rooms);
        return commands.eval(RedisScripts.INDEX, List.of(ROOMS), args.toArray());
    }

    Future<RoomPage> rooms(String prefix, String after, int limit) {
        return commands.send(Request.cmd(Command.ZRANGEBYSCORE).arg(ROOMS).arg("(" + System.currentTimeMillis())
                .arg("+inf")).compose(listed -> {
                    List<String> names = new ArrayList<>();
                    for (Response name : listed) {
                        String room = name.toString();
                        if (room.startsWith(prefix) && (after == null || room.compareTo(after) > 0)) {
                            names.add(room);
                        }
                    }
                    names.sort(Comparator.naturalOrder());
                    boolean more = names.size() > limit;
                    List<String> page = more ? names.subList(0, limit) : names;
                    List<Future<Response>> counts = page.stream().map(room -> commands.eval(RedisScripts.COUNT,
                            List.of(RedisBroker.key(room, "expiry")))).toList();
                    return Future.all(counts).map(all -> {
                        List<RoomPage.RoomCount> rooms = new ArrayList<>();
                        for (int i = 0; i < page.size(); i++) {
                            int members = counts.get(i).result().toInteger();
                            if (members > 0) { // its last member left within the TTL: listed, but empty
                                rooms.add(new RoomPage.RoomCount(page.get(i), members));
                            }
                        }
                        return new RoomPage(rooms, more ? page.get(page.size() - 1) : null);
                    });
                });
    }

    Future<List<Member>> members(String room) {
        return commands.eval(RedisScripts.MEMBERS, List.of(RedisBroker.key(room, "members"),
                RedisBroker.key(room, "expiry"))).map(this::members);
    }

    Future<List<ChatMessage>> history(String room, MessageId before, int limit) {
        return commands.send(Request.cmd(Command.XREVRANGE).arg(RedisBroker.key(room, "history"))
                .arg(before == null ? "+" : "(" + before).arg("-").arg("COUNT").arg(limit))
                .compose(entries -> current(room, history(room, entries), null))
                .map(Current::messages);
    }

    /**
     * {@code messages} as read from the room's stream (as posted), now in their current state (edits, tombstones,
     * reactions), and {@code personId}'s read marker in the room (null: not asked). One script reads the state of all
     * of them at once, after the stream was read: a change made in between shows here and comes as an event too,
     * which is harmless, as clients apply edits, deletes and reactions idempotently.
     */
    Future<Current> current(String room, List<ChatMessage> messages, String personId) {
        List<Object> args = new ArrayList<>(messages.size() + 2);
        args.add(personId == null ? "" : personId);
        args.add(retentionMs);
        messages.forEach(message -> args.add(message.id()));
        return commands.eval(RedisScripts.STATE, RedisBroker.keys(room, "edits", "reactions", "read"),
                args.toArray()).map(reply -> {
                    Response edits = reply.get(0);
                    Response reactions = reply.get(1);
                    List<ChatMessage> current = new ArrayList<>(messages.size());
                    for (int i = 0; i < messages.size(); i++) {
                        current.add(state.apply(messages.get(i), text(edits.get(i)), text(reactions.get(i))));
                    }
                    Response read = reply.get(2);
                    return new Current(current, read == null ? null : MessageId.parse(read.toString()));
                });
    }

    /** Messages as they stand now, and a person's read marker (null: none, or not asked). */
    record Current(List<ChatMessage> messages, MessageId read) {
    }

    private static String text(Response value) {
        return value == null ? null : value.toString();
    }

    Future<Census> census(Census.NodeStats self, Duration staleAfter) {
        String report = self.connections() + "\t" + self.rooms() + "\t" + self.messagesPerSecond();
        return commands.eval(RedisScripts.CENSUS, List.of(NODES, ROOMS), node, report, staleAfter.toMillis())
                .map(reply -> {
                    List<Census.NodeStats> nodes = new ArrayList<>();
                    for (Response entry : reply.get(0)) {
                        String[] fields = entry.toString().split("\t");
                        nodes.add(new Census.NodeStats(fields[0], Integer.parseInt(fields[2]),
                                Integer.parseInt(fields[3]), Double.parseDouble(fields[4])));
                    }
                    nodes.sort(Comparator.comparing(Census.NodeStats::node));
                    return new Census(nodes, reply.get(1).toInteger());
                });
    }

    /** Presence entries ({@code memberId TAB joinSeq TAB memberJson}) as members in order of arrival. */
    List<Member> members(Response entries) {
        List<String[]> parsed = new ArrayList<>();
        for (Response entry : entries) {
            parsed.add(entry.toString().split("\t", 3));
        }
        parsed.sort(Comparator.comparingLong(fields -> Long.parseLong(fields[1])));
        List<Member> members = new ArrayList<>(parsed.size());
        for (String[] fields : parsed) {
            try {
                members.add(mapper.readValue(fields[2], Member.class));
            } catch (JsonProcessingException e) {
                LOG.warnf("skipping an unreadable presence entry: %s", e.getClass().getName());
            }
        }
        return members;
    }

    /** The join script's {@code personId TAB sessions} entries as person id to live session count. */
    static Map<String, Integer> sessions(Response entries) {
        Map<String, Integer> sessions = new HashMap<>();
        for (Response entry : entries) {
            String[] fields = entry.toString().split("\t", 2);
            sessions.put(fields[0], Integer.parseInt(fields[1]));
        }
        return Map.copyOf(sessions);
    }

    /** Stream entries, newest first, as messages oldest first. */
    static List<ChatMessage> history(String room, Response entries) {
        List<ChatMessage> messages = new ArrayList<>(entries.size());
        for (int i = entries.size() - 1; i >= 0; i--) {
            Response entry = entries.get(i);
            MessageId id = MessageId.parse(entry.get(0).toString());
            Map<String, String> fields = new HashMap<>();
            Response values = entry.get(1);
            for (int f = 0; f + 1 < values.size(); f += 2) {
                fields.put(values.get(f).toString(), values.get(f + 1).toString());
            }
            messages.add(new ChatMessage(id.toString(), room, new Member(fields.get("fid"), fields.get("fname")),
                    fields.get("text"), id.ms()));
        }
        return messages;
    }
}
