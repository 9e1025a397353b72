package org.acme.chat.broker.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.acme.chat.broker.Broker;
import org.acme.chat.broker.Census;
import org.acme.chat.broker.Change;
import org.acme.chat.broker.Joined;
import org.acme.chat.broker.NameKey;
import org.acme.chat.broker.RoomEvent;
import org.acme.chat.broker.RoomPage;
import org.acme.chat.history.MessageId;
import org.acme.chat.logging.ConnectionLog;
import org.acme.chat.metrics.ChatMetrics;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Deleted;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.MessageType;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.protocol.Presence;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.protocol.RefusedException;
import org.acme.chat.protocol.v2.Edited;
import org.acme.chat.protocol.v2.Reaction;
import org.acme.chat.protocol.v2.ReadMarker;
import org.acme.chat.tracing.ChatTracing;
import org.jboss.logging.Logger;

/**
 * The broker for many nodes ({@code chat.broker=redis}): presence, names, history and event numbering live in Redis
 * and change in atomic scripts ({@link RedisScripts}) that also publish the event, sent in order over one connection
 * ({@link RedisCommands}); every node subscribes to the one events channel and hands a room's events to its own
 * members. A message is published once, as its finished frame,
 * whatever the number of recipients.
 * <p>
 * Edits, deletes by their author, reactions and read markers are kept next to a room's stream (see
 * {@link RedisScripts}), each checked, stored and announced by one script; every read of history (a join's, a
 * resume's, a page of scroll-back) shows the messages as they stand now.
 * <p>
 * When Redis is out of reach, the node stays up: joins are refused (503 / 1013), and messages, typing and leaves of its
 * own members still reach its own members, numbered locally (they are not in the shared history); message state
 * changes are refused. Presence is kept per session (one person, several connections, on any nodes; the room sees a
 * person once) and renewed by the session's node every third of {@code chat.presence.ttl}. Every key expires: presence
 * a TTL after it was last renewed, a room's
 * history and event counter {@code chat.history.retention} after its last event or renewal.
 */
public final class RedisBroker implements Broker {

    static final String CHANNEL = "chat:events";
    /** The room event of each kind the scripts publish (a kind is the event's wire name). */
    private static final Map<String, MessageType> KINDS = Map.of("message", MessageType.MESSAGE,
            "join", MessageType.JOIN, "leave", MessageType.LEAVE, "deleted", MessageType.DELETED,
            "removed", MessageType.REMOVED, "edited", MessageType.EDITED, "reaction", MessageType.REACTION,
            "read", MessageType.READ, "typing", MessageType.TYPING);
    private static final Logger LOG = Logger.getLogger(RedisBroker.class);
    private static final ConnectionLog CONNECTIONS = ConnectionLog.of(RedisBroker.class);

    private final RedisCommands commands;
    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final EventEncoder encoder;
    private final FrameParts parts;
    private final MessageState state;
    private final Clock clock;
    private final ChatMetrics metrics;
    private final int historySize;
    private final int retained;
    private final int maxMembers;
    private final long ttlMs;
    private final long retentionMs;
    private final String node = UUID.randomUUID().toString();
    private final RedisSubscriber subscriber;
    private final RedisDirectory directory;
    /** This node's sessions, by room and session id, each with its person: whom it renews presence for. */
    private final Map<String, Map<String, Member>> local = new ConcurrentHashMap<>();
    /** Per room, the newest event seq and message id seen: where local numbering continues while Redis is away. */
    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    private final AtomicBoolean commandsOk = new AtomicBoolean(true);
    private volatile Consumer<RoomEvent> listener = event -> {
    };
    private long refreshTimer = -1;

    /** Without traces; the stream keeps about {@code historySize} messages, what a welcome sends. */
    public RedisBroker(Redis redis, Vertx vertx, ObjectMapper mapper, EventEncoder encoder, Clock clock,
            ChatMetrics metrics, int historySize, int maxMembers, long ttlMs, long retentionMs) {
        this(redis, vertx, mapper, encoder, clock, metrics, historySize, historySize, maxMembers, ttlMs, retentionMs,
                ChatTracing.OFF);
    }

    /**
     * A welcome sends the last {@code historySize} messages; a room's stream keeps about {@code retained} (its
     * {@code MAXLEN ~}) for scroll-back and resuming. Each script's Redis command is a child span of the caller's (a
     * join's, a post's) when {@code tracing} is on.
     */
    public RedisBroker(Redis redis, Vertx vertx, ObjectMapper mapper, EventEncoder encoder, Clock clock,
            ChatMetrics metrics, int historySize, int retained, int maxMembers, long ttlMs, long retentionMs,
            ChatTracing tracing) {
        this.commands = new RedisCommands(redis, RedisScripts.ALL, tracing);
        this.vertx = vertx;
        this.mapper = mapper;
        this.encoder = encoder;
        this.parts = new FrameParts(mapper);
        this.state = new MessageState(mapper);
        this.clock = clock;
        this.metrics = metrics;
        this.historySize = historySize;
        this.retained = retained;
        this.maxMembers = maxMembers;
        this.ttlMs = ttlMs;
        this.retentionMs = retentionMs;
        this.subscriber = new RedisSubscriber(redis, vertx, CHANNEL, this::received);
        this.directory = new RedisDirectory(commands, mapper, node, ttlMs, retentionMs);
    }

    /** Subscribes to the events channel and starts renewing this node's presence. */
    public RedisBroker start() {
        subscriber.start();
        refreshTimer = vertx.setPeriodic(Math.max(500, ttlMs / 3), id -> refresh());
        return this;
    }

    public void close() {
        vertx.cancelTimer(refreshTimer);
        subscriber.close();
        commands.close();
    }

    @Override
    public boolean available() {
        return subscriber.subscribed();
    }

    @Override
    public void deliverTo(Consumer<RoomEvent> listener) {
        this.listener = listener;
    }

    @Override
    public CompletionStage<Change> edit(String room, Member person, MessageId id, String text) {
        long now = clock.millis();
        return change(RedisScripts.EDIT, room, person, id, state.edit(text, now),
                encoder.encode(new Edited(room, id.toString(), text, now)), retentionMs);
    }

    @Override
    public CompletionStage<Change> retract(String room, Member person, MessageId id) {
        return change(RedisScripts.RETRACT, room, person, id,
                encoder.encode(new Deleted(room, id.toString(), clock.millis())), retentionMs);
    }

    @Override
    public CompletionStage<Change> react(String room, Member person, MessageId id, String emoji, boolean on) {
        return change(RedisScripts.REACT, room, person, id, emoji, on ? 1 : 0, Change.MAX_EMOJI,
                encoder.encode(new Reaction(room, id.toString(), emoji, person, on)), retentionMs);
    }

    @Override
    public CompletionStage<Change> read(String room, Member person, MessageId id) {
        return change(RedisScripts.READ, room, person, id,
                encoder.encode(new ReadMarker(room, person, id.toString())), retentionMs, retained);
    }

    /** Relayed through Redis like any event (numbered in the room's order); while Redis is away, on this node only. */
    @Override
    public CompletionStage<Void> typing(String room, Member person, OutboundFrame frame) {
        return eval(RedisScripts.TYPING, keys(room, "seq"), CHANNEL, room, node, person.id(), frame.text(),
                retentionMs)
                .handle((reply, failure) -> {
                    if (failure != null) {
                        deliverLocally(room, MessageType.TYPING, person.id(), frame.text());
                    }
                    return null;
                });
    }

    /**
     * Runs a message-state script ({@code KEYS}: history, seq, edits, reactions, read; {@code ARGV}: channel, room,
     * node, person id, message id, then {@code args}): it checks, stores and announces in one atomic step.
     */
    private CompletionStage<Change> change(String script, String room, Member person, MessageId id, Object... args) {
        List<Object> all = new ArrayList<>(List.of(CHANNEL, room, node, person.id(), id));
        all.addAll(List.of(args));
        return eval(script, keys(room, "history", "seq", "edits", "reactions", "read"), all.toArray())
                .handle((reply, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(unavailable());
                    }
                    return switch (reply.toString()) {
                        case "done" -> Change.DONE;
                        case "unchanged" -> Change.UNCHANGED;
                        case "not_found" -> Change.NOT_FOUND;
                        case "forbidden" -> Change.FORBIDDEN;
                        case "too_many_emoji" -> Change.TOO_MANY_EMOJI;
                        default -> throw new IllegalStateException("unexpected reply " + reply);
                    };
                });
    }

    /**
     * {@code joined} with its history in the messages' current state and the person's read marker: a second round
     * trip after the join script (which reads the stream only). An edit, delete or reaction made between the two is
     * in this history and also among the events after {@link Joined#seq}: the client gets it twice, which is harmless,
     * as edits, tombstones and reactions (by person and emoji) apply idempotently. If Redis fails in between, the
     * join is undone ({@code undo}, the joiner's leave) and refused like any join that finds Redis out of reach.
     */
    private CompletionStage<Joined> withState(String room, Member person, Joined joined,
            Supplier<CompletionStage<Void>> undo) {
        return directory.current(room, joined.history(), person.id()).toCompletionStage()
                .handle((current, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(new Joined(joined.members(), current.messages(),
                                joined.seq(), joined.resume(), joined.sessions(), current.read()));
                    }
                    return undo.get().<Joined>thenApply(left -> {
                        throw new CompletionException(unavailable());
                    });
                })
                .thenCompose(stage -> stage);
    }

    @Override
    public CompletionStage<Joined> join(String room, Member person, String session, MessageId since) {
        if (!subscriber.subscribed()) {
            // Without the subscription this node would miss the room's events: no new members until it is back.
            return CompletableFuture.failedFuture(unavailable());
        }
        String join = encoder.encode(Presence.join(room, person, clock.millis()));
        List<String> keys = keys(room, "members", "expiry", "seq", "history");
        keys.add(banKey(room, person.name()));
        keys.addAll(keys(room, "sessions", "counts", "left", "edits", "reactions", "read"));
        return eval(RedisScripts.JOIN, keys, CHANNEL, room, node,
                parts.presencePrefix(MessageType.LEAVE, room), NameKey.of(person.name()), person.id(),
                parts.json(person), join, ttlMs, maxMembers, historySize, since == null ? "" : since.toString(),
                retentionMs, session)
                .handle((reply, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(unavailable());
                    }
                    switch (reply.get(0).toString()) {
                        case "banned" -> throw new CompletionException(new RefusedException(Refusal.banned(room)));
                        case "taken" -> throw new CompletionException(new RefusedException(Refusal.nameTaken(room, person.name())));
                        case "full" -> throw new CompletionException(new RefusedException(Refusal.roomFull(room)));
                        default -> {
                            // fall through to the welcome
                        }
                    }
                    Joined joined = new Joined(directory.members(reply.get(2)),
                            RedisDirectory.history(room, reply.get(3)), reply.get(1).toLong(),
                            resume(reply.get(4).toString()), RedisDirectory.sessions(reply.get(5)), null);
                    local.compute(room, (r, sessions) -> {
                        Map<String, Member> updated = sessions != null ? sessions : new ConcurrentHashMap<>();
                        updated.put(session, person);
                        return updated;
                    });
                    directory.index(List.of(room));
                    return joined;
                })
                .thenCompose(joined -> withState(room, person, joined, () -> leave(room, person, session)));
    }

    @Override
    public CompletionStage<Void> leave(String room, Member person, String session) {
        local.computeIfPresent(room, (r, sessions) -> {
            sessions.remove(session);
            if (sessions.isEmpty()) {
                positions.remove(room);
                return null;
            }
            return sessions;
        });
        boolean stillHere = local.getOrDefault(room, Map.of()).containsValue(person);
        String leave = encoder.encode(Presence.leave(room, person, clock.millis()));
        return eval(RedisScripts.LEAVE, keys(room, "members", "expiry", "seq", "left", "history", "sessions", "counts"),
                CHANNEL, room, node, NameKey.of(person.name()), person.id(), session, leave, ttlMs, retentionMs)
                .handle((reply, failure) -> {
                    if (failure != null && !stillHere) {
                        // Others on this node still learn of it (unless the person has another session here);
                        // elsewhere its presence expires within the TTL.
                        deliverLocally(room, MessageType.LEAVE, person.id(), leave);
                    }
                    return null;
                });
    }

    @Override
    public CompletionStage<ChatMessage> post(String room, Member from, String text) {
        long start = System.nanoTime();
        return eval(RedisScripts.POST, keys(room, "history", "seq", "edits", "reactions", "read"), CHANNEL, room, node,
                from.id(), from.name(), text, retained, FrameParts.MESSAGE_PREFIX, parts.messageMiddle(room, from, text), retentionMs)
                .handle((reply, failure) -> {
                    if (failure == null) {
                        metrics.brokerPublish().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        MessageId id = MessageId.parse(reply.toString());
                        ChatMessage message = new ChatMessage(id.toString(), room, from, text, id.ms());
                        if (!subscriber.subscribed()) {
                            // Stored and published for the others, but this node is not listening: hand it over here.
                            deliverLocally(room, MessageType.MESSAGE, from.id(), encoder.encode(message));
                        }
                        return message;
                    }
                    long now = clock.millis();
                    ChatMessage message = new ChatMessage(position(room).nextLocalId(now).toString(), room, from,
                            text, now);
                    deliverLocally(room, MessageType.MESSAGE, from.id(), encoder.encode(message));
                    return message;
                });
    }

    @Override
    public CompletionStage<Optional<Refusal>> checkJoin(String room, String name) {
        if (!subscriber.subscribed()) {
            return CompletableFuture.completedFuture(Optional.<Refusal>of(Refusal.Kind.BROKER_UNAVAILABLE));
        }
        return eval(RedisScripts.CHECK, List.of(key(room, "expiry"), banKey(room, name)), NameKey.of(name), maxMembers)
                .handle((reply, failure) -> {
                    if (failure != null) {
                        return Optional.<Refusal>of(Refusal.Kind.BROKER_UNAVAILABLE);
                    }
                    return switch (reply.toString()) {
                        case "banned" -> Optional.of(Refusal.banned(room));
                        case "taken" -> Optional.of(Refusal.nameTaken(room, name));
                        case "full" -> Optional.of(Refusal.roomFull(room));
                        default -> Optional.empty();
                    };
                });
    }

    /** A post does not check presence here (the script stores and publishes): the server API's sender is a post's. */
    @Override
    public CompletionStage<ChatMessage> publish(String room, Member from, String text) {
        return eval(RedisScripts.POST, keys(room, "history", "seq", "edits", "reactions", "read"), CHANNEL, room, node,
                from.id(), from.name(), text, retained, FrameParts.MESSAGE_PREFIX, parts.messageMiddle(room, from, text), retentionMs)
                .thenApply(reply -> {
                    MessageId id = MessageId.parse(reply.toString());
                    return new ChatMessage(id.toString(), room, from, text, id.ms());
                });
    }

    @Override
    public CompletionStage<Boolean> delete(String room, MessageId id) {
        String frame = encoder.encode(new Deleted(room, id.toString(), clock.millis()));
        return eval(RedisScripts.DELETE, keys(room, "history", "seq", "edits", "reactions", "read"), CHANNEL, room, node, id, frame, retentionMs)
                .thenApply(reply -> reply.toInteger() == 1);
    }

    @Override
    public CompletionStage<Boolean> kick(String room, String name, String reason) {
        return remove(room, name, reason, 0);
    }

    @Override
    public CompletionStage<Boolean> ban(String room, String name, Duration duration, String reason) {
        return remove(room, name, reason, duration.toMillis());
    }

    private CompletionStage<Boolean> remove(String room, String name, String reason, long banMillis) {
        return eval(RedisScripts.REMOVE, List.of(key(room, "expiry"), key(room, "seq"), banKey(room, name)), CHANNEL,
                room, node, NameKey.of(name), reason, banMillis, retentionMs)
                .thenApply(reply -> reply.toInteger() == 1);
    }

    @Override
    public CompletionStage<Boolean> unban(String room, String name) {
        return read(commands.send(Request.cmd(Command.DEL).arg(banKey(room, name)))).thenApply(n -> n.toInteger() > 0);
    }

    @Override
    public CompletionStage<RoomPage> rooms(String prefix, String after, int limit) {
        return read(directory.rooms(prefix, after, limit));
    }

    @Override
    public CompletionStage<List<Member>> members(String room) {
        return read(directory.members(room));
    }

    @Override
    public CompletionStage<List<ChatMessage>> history(String room, MessageId before, int limit) {
        return read(directory.history(room, before, limit));
    }

    @Override
    public CompletionStage<Census> census(Census.NodeStats self, Duration staleAfter) {
        return read(directory.census(new Census.NodeStats(node, self.connections(), self.rooms(),
                self.messagesPerSecond()), staleAfter));
    }

    /** A read for the server API: a failure is Redis being out of reach, as for a join. */
    private <T> CompletionStage<T> read(Future<T> result) {
        return result.onComplete(done -> health(done.failed() ? done.cause() : null)).toCompletionStage()
                .exceptionally(failure -> {
                    throw new CompletionException(unavailable());
                });
    }

    /** Renews this node's sessions, room by room; purges sessions other nodes stopped vouching for. */
    void refresh() {
        local.forEach((room, sessions) -> refresh(room, Map.copyOf(sessions)));
        if (!local.isEmpty()) {
            directory.index(List.copyOf(local.keySet()));
        }
    }

    /**
     * Renews {@code vouched}, this node's sessions of {@code room} (session id to person) when the refresh began. One
     * of them may leave before the script runs: its LEAVE leaves a tombstone, and the script neither renews nor lists
     * it again. Completes once a session listed again that is no longer here has been taken out (a LEAVE that failed
     * while the REFRESH did not).
     */
    CompletionStage<Void> refresh(String room, Map<String, Member> vouched) {
        List<Object> args = new ArrayList<>(List.of(CHANNEL, room, node, parts.presencePrefix(MessageType.LEAVE,
                room), ttlMs, parts.presencePrefix(MessageType.JOIN, room), retentionMs));
        vouched.forEach((session, person) -> args.addAll(List.of(NameKey.of(person.name()), person.id(), session,
                parts.json(person))));
        return eval(RedisScripts.REFRESH, keys(room, "members", "expiry", "seq", "left", "history", "sessions",
                "counts", "edits", "reactions", "read"), args.toArray())
                .thenCompose(reply -> {
                    for (Response id : reply.get(0)) {
                        String session = id.toString();
                        CONNECTIONS.infof(session, "connection %s lost its name to another person in its room "
                                + "while Redis was away; it is no longer listed", session);
                        forgetLocal(room, session);
                    }
                    List<CompletableFuture<Void>> undone = new ArrayList<>();
                    for (Response id : reply.get(1)) {
                        String session = id.toString();
                        if (!isLocal(room, session)) {
                            undone.add(leave(room, vouched.get(session), session).toCompletableFuture());
                        }
                    }
                    return CompletableFuture.allOf(undone.toArray(CompletableFuture[]::new));
                });
    }

    private boolean isLocal(String room, String session) {
        Map<String, Member> sessions = local.get(room);
        return sessions != null && sessions.containsKey(session);
    }

    private void forgetLocal(String room, String session) {
        local.computeIfPresent(room, (r, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /** One message of the events channel: {@code room LF seq LF type LF memberId LF node LF messageId LF frame}. */
    private void received(String payload) {
        try {
            dispatch(payload);
        } catch (RuntimeException e) {
            LOG.warnf("ignoring an unreadable event on %s: %s", CHANNEL, e.getClass().getName());
        }
    }

    private void dispatch(String payload) {
        String[] head = new String[6];
        int from = 0;
        for (int i = 0; i < head.length; i++) {
            int to = payload.indexOf('\n', from);
            if (to < 0) {
                LOG.warnf("ignoring a malformed event on %s", CHANNEL);
                return;
            }
            head[i] = payload.substring(from, to);
            from = to + 1;
        }
        MessageType type = KINDS.get(head[2]);
        long seq = Long.parseLong(head[1]);
        if (local.containsKey(head[0])) {
            position(head[0]).seen(seq, type != MessageType.MESSAGE || head[5].isEmpty() ? null
                    : MessageId.parse(head[5]));
        }
        if (type == null) {
            // A kind this node does not know (a newer node's, during an upgrade): never shown as something else.
            LOG.debugf("ignoring an event of unknown kind %s on %s", head[2], CHANNEL);
            return;
        }
        if (type == MessageType.MESSAGE && !node.equals(head[4])) {
            metrics.remoteMessage();
        }
        String rest = payload.substring(from);
        listener.accept(type == MessageType.REMOVED
                ? new RoomEvent(head[0], seq, type, head[3], null, rest) // the frame is the reason
                : new RoomEvent(head[0], seq, type, head[3], OutboundFrame.text(rest)));
    }

    private void deliverLocally(String room, MessageType type, String memberId, String frame) {
        listener.accept(new RoomEvent(room, position(room).nextLocalSeq(), type, memberId, OutboundFrame.text(frame)));
    }

    private static RefusedException unavailable() {
        return new RefusedException(Refusal.Kind.BROKER_UNAVAILABLE);
    }

    private Position position(String room) {
        return positions.computeIfAbsent(room, r -> new Position());
    }

    private static Joined.Resume resume(String status) {
        return switch (status) {
            case "" -> null;
            case "recovered" -> Joined.Resume.RECOVERED;
            case "too_old" -> Joined.Resume.TOO_OLD;
            default -> Joined.Resume.UNKNOWN;
        };
    }

    static List<String> keys(String room, String... names) {
        List<String> keys = new ArrayList<>(names.length + 1);
        for (String name : names) {
            keys.add(key(room, name));
        }
        return keys;
    }

    static String key(String room, String name) {
        return "chat:{" + room + "}:" + name;
    }

    /** Where a ban of {@code name} from {@code room} lives; it expires with the ban. */
    private static String banKey(String room, String name) {
        return key(room, "ban:" + NameKey.of(name));
    }

    private CompletionStage<Response> eval(String script, List<String> keys, Object... args) {
        return commands.eval(script, keys, args)
                .onComplete(result -> health(result.failed() ? result.cause() : null))
                .toCompletionStage();
    }

    /** Logs the first failure and the recovery, not every failed command in between. */
    private void health(Throwable failure) {
        if (failure == null) {
            if (commandsOk.compareAndSet(false, true)) {
                LOG.info("Redis commands succeed again");
            }
            return;
        }
        metrics.brokerError();
        if (commandsOk.compareAndSet(true, false)) {
            LOG.warnf("Redis commands fail (%s): joins are refused, this node's members still hear each other",
                    failure.getMessage());
        } else {
            LOG.debugf("Redis command failed: %s", failure.getMessage());
        }
    }

    /** Where a room's numbering stands on this node. */
    private static final class Position {
        private long seq;
        private MessageId lastId = MessageId.ZERO;

        synchronized void seen(long eventSeq, MessageId messageId) {
            seq = Math.max(seq, eventSeq);
            if (messageId != null && messageId.compareTo(lastId) > 0) {
                lastId = messageId;
            }
        }

        synchronized long nextLocalSeq() {
            return ++seq;
        }

        synchronized MessageId nextLocalId(long now) {
            lastId = lastId.next(now);
            return lastId;
        }
    }
}
