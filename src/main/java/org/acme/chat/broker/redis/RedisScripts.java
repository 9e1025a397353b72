package org.acme.chat.broker.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Lua scripts behind {@link RedisBroker}, kept as resource files under {@code redis/} (each says its KEYS, ARGV and
 * reply in its first lines) and read once when this class loads; {@link RedisCommands} loads them into Redis and runs
 * them by SHA-1. Each runs atomically in Redis, so a room's history, presence and event numbering change together
 * with the publication of the event: every node sees a room's events in one order, and message ids in that same
 * order. Every script is {@code prelude.lua} (shared functions) followed by its own file.
 * <p>
 * Keys of a room share the hash tag {@code {room}} (one Redis Cluster slot): {@code chat:{room}:members} (hash: name
 * key → {@code personId TAB joinSeq TAB personJson}, one entry per person), {@code chat:{room}:expiry} (sorted set:
 * name key → presence expiry, ms: the person's newest session's), {@code chat:{room}:sessions} (sorted set:
 * {@code nameKey TAB sessionId} → that session's expiry, ms), {@code chat:{room}:counts} (hash: name key → the
 * person's live sessions), {@code chat:{room}:seq} (event counter), {@code chat:{room}:history} (stream of messages),
 * {@code chat:{room}:left} (sorted set: ids of sessions that left → until when a refresh must not bring them back,
 * ms; the key expires a TTL after the last leave), {@code chat:{room}:ban:<name key>} (the reason of a ban, expiring
 * with it). A message's state lives next to the stream, whose entries never change (the entry's {@code fid} is its
 * author's person id): {@code chat:{room}:edits} (hash: message id → {@code {"text","editedAt"}} or a tombstone
 * {@code {"deleted":true}}), {@code chat:{room}:reactions} (hash: message id → {@code [[emoji, [person ids]], ...]}, in
 * order) and {@code chat:{room}:read} (hash: person id → the message id it read up to). The state hashes stay bounded:
 * past the stream's length ({@code edits}, {@code reactions}) or {@code chat.history.retained} fields ({@code read}),
 * the fields of messages trimmed from the stream go (for {@code read}, else its oldest marker). Two keys span rooms,
 * under the hash tag {@code {_cluster}} (no room name starts with {@code _}):
 * {@code chat:{_cluster}:rooms} (sorted set: room → until when a node vouched for members there, ms; renewed with
 * presence) and {@code chat:{_cluster}:nodes} (hash: node id → its last counts, for the server API's stats). Events are published on one channel as
 * {@code room LF seq LF type LF memberId LF node LF messageId LF frame}.
 * <p>
 * Every key expires, renewed by each script that writes it, in the same atomic step: {@code members},
 * {@code expiry}, {@code sessions} and {@code counts} a presence TTL after the room's last join or renewal (a room
 * whose nodes all died leaves nothing), {@code seq} and {@code history} {@code chat.history.retention} after the
 * room's last event or renewal (a room nobody uses leaves nothing either), {@code left} a TTL after the last leave;
 * {@code edits}, {@code reactions} and {@code read} {@code chat.history.retention} after the last post, state change, delete or read of them.
 */
final class RedisScripts {

    private static final String PRELUDE = read("prelude");

    /**
     * Adds a session and, if it is its person's first, the person (or refuses it as banned, taken or full); answers
     * with the roster, each person's session count and the history the session is owed.
     */
    static final String JOIN = script("join");
    /** Stores a message in the room's stream and publishes its finished frame; answers with its id. */
    static final String POST = script("post");
    /**
     * Ends a session and, if it was its person's last, removes and announces the person; leaves a tombstone against a
     * refresh already on its way.
     */
    static final String LEAVE = script("leave");
    /** Renews a node's sessions, brings back ones that expired while Redis was away, purges others' expired ones. */
    static final String REFRESH = script("refresh");
    /** Says whether a name is banned or taken or the room full, counting live presence only (the pre-upgrade check). */
    static final String CHECK = script("check");
    /** Removes a message from a room's stream and announces the deletion. */
    static final String DELETE = script("delete");
    /** Bans a name (optionally) and announces the removal of its sessions if it is present (kick and ban). */
    static final String REMOVE = script("remove");
    /** The live members of a room. */
    static final String MEMBERS = script("members");
    /** Lists rooms in the room index for a presence TTL more. */
    static final String INDEX = script("index");
    /** How many live members a room has. */
    static final String COUNT = script("count");
    /** Records this node's report and answers with every node's recent one and the rooms listed. */
    static final String CENSUS = script("census");
    /** Stores the author's edit of a message and announces it. */
    static final String EDIT = script("edit");
    /** Turns the author's message into its tombstone and announces it. */
    static final String RETRACT = script("retract");
    /** Puts or takes back a person's reaction on a message and announces it. */
    static final String REACT = script("react");
    /** Moves a person's read marker forward and announces it. */
    static final String READ = script("read");
    /** Announces that a person is typing; stores nothing. */
    static final String TYPING = script("typing");
    /** The edits and reactions of messages read from the stream, and a person's read marker, in one snapshot. */
    static final String STATE = script("state");

    /** Every script, for {@link RedisCommands} to load. */
    static final List<String> ALL = List.of(JOIN, POST, LEAVE, REFRESH, CHECK, DELETE, REMOVE, MEMBERS, INDEX, COUNT,
            CENSUS, EDIT, RETRACT, REACT, READ, TYPING, STATE);

    private RedisScripts() {
    }

    private static String script(String name) {
        return PRELUDE + read(name);
    }

    private static String read(String name) {
        String resource = "redis/" + name + ".lua";
        try (InputStream in = RedisScripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the Redis script " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Redis script " + resource, e);
        }
    }
}
