package org.acme.chat.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.Reactions;

/**
 * History for a single node: the last {@code retained} messages of each room (a joiner gets the last {@code size}),
 * in their current state (packed as they come, 32 at a time: {@link MessageLog}), and each person's read marker
 * (at most {@code retained} per room), within two bounds.
 * {@code maxBytes} bounds the {@link #footprint} of every message and marker kept, all rooms together: over it, the
 * least recently used room without members loses its whole history, then rooms with members lose their read markers,
 * and only then their oldest messages, least recently used room first (a room's newest messages go last). {@code maxRooms} bounds how many rooms
 * have a history: over it, the least recently used room without members, else with members, loses it. A room is
 * used when a message is stored or its history is read (a join); {@link #occupied} and {@link #vacated} say which
 * rooms have members. One lock guards the store: appends, reads and eviction are short, and an append drops at most
 * what it went over by (a whole room's history at a time from rooms without members).
 */
public final class InMemoryHistoryStore implements HistoryStore {

    /** What {@link #footprint} counts for a message besides its characters: the objects that hold them. */
    static final long MESSAGE_OVERHEAD = 256;
    /** What a person's read marker in a room is counted for. */
    static final long READ_MARKER_BYTES = 160;

    private final int size;
    private final int retained;
    private final int maxRooms;
    private final long maxBytes;
    /** Histories of rooms with members, least recently used first. */
    private final Map<String, RoomLog> live = lru();
    /** Histories of rooms without members, least recently used first: the first to go. */
    private final Map<String, RoomLog> idle = lru();
    private final Set<String> occupied = new HashSet<>();
    private long bytes;

    /** A store bounded by room count only, for tests of other parts; the application sets a byte bound. */
    public InMemoryHistoryStore(int size, int maxRooms) {
        this(size, maxRooms, Long.MAX_VALUE);
    }

    /** A store that keeps no more than it sends a joiner ({@code retained} = {@code size}). */
    public InMemoryHistoryStore(int size, int maxRooms, long maxBytes) {
        this(size, size, maxRooms, maxBytes);
    }

    /**
     * A store that keeps up to {@code retained} messages per room (scroll-back, resuming) and hands a joiner the last
     * {@code size} ({@link #recent}).
     */
    public InMemoryHistoryStore(int size, int retained, int maxRooms, long maxBytes) {
        if (size < 0 || retained < size || maxRooms < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("size must be >= 0, retained >= size, maxRooms >= 1 and maxBytes >= 1");
        }
        this.size = size;
        this.retained = retained;
        this.maxRooms = maxRooms;
        this.maxBytes = maxBytes;
    }

    /**
     * The bytes a kept message is counted for: an estimate of its heap size, every character of its id, room, sender
     * and text as two bytes (UTF-16; a 4,000 code point text is up to 16 KB) plus {@link #MESSAGE_OVERHEAD}.
     */
    static long footprint(ChatMessage message) {
        long chars = message.chars();
        if (message.reactions() != null) {
            chars += 8L * (message.reactions().size() + Reactions.count(message.reactions())); // the lists and entries
        }
        return MESSAGE_OVERHEAD + 2 * chars;
    }

    /** The bytes of every message kept, as {@link #footprint} counts them (the {@code chat.history.bytes} gauge). */
    public synchronized long bytes() {
        return bytes;
    }

    @Override
    public synchronized void occupied(String room) {
        occupied.add(room);
        RoomLog log = idle.remove(room);
        if (log != null) {
            live.put(room, log);
        }
    }

    @Override
    public synchronized void vacated(String room) {
        occupied.remove(room);
        RoomLog log = live.remove(room);
        if (log != null) {
            idle.put(room, log);
        }
    }

    @Override
    public synchronized ChatMessage append(String room, Member from, String text, long ts) {
        RoomLog log = log(room);
        if (log == null) {
            log = new RoomLog(room);
            (occupied.contains(room) ? live : idle).put(room, log);
        }
        log.lastId = log.lastId.next(ts);
        ChatMessage message = new ChatMessage(log.lastId.toString(), room, from, text, ts);
        long footprint = footprint(message);
        log.messages.addLast(message);
        log.bytes += footprint;
        bytes += footprint;
        while (log.messages.size() > retained) {
            dropOldest(log);
        }
        while (live.size() + idle.size() > maxRooms) {
            dropEldest(idle.isEmpty() ? live : idle);
        }
        evictBytes();
        return message;
    }

    @Override
    public synchronized List<ChatMessage> recent(String room) {
        RoomLog log = log(room);
        return log == null ? List.of() : log.messages.newest(size);
    }

    @Override
    public synchronized Since since(String room, MessageId after) {
        RoomLog log = log(room);
        if (log == null) {
            return new Since(List.of(), after.equals(MessageId.ZERO) ? Gap.NONE : Gap.UNKNOWN);
        }
        if (after.compareTo(log.lastId) > 0) {
            return new Since(List.of(), Gap.UNKNOWN);
        }
        // Newest first, down to the id: never more than one past what a resume may carry.
        List<ChatMessage> missed = new ArrayList<>();
        for (Iterator<ChatMessage> newestFirst = log.messages.newestFirst(null); newestFirst.hasNext()
                && missed.size() <= size; ) {
            ChatMessage message = newestFirst.next();
            if (MessageId.parse(message.id()).compareTo(after) <= 0) {
                break;
            }
            missed.add(message);
        }
        Collections.reverse(missed);
        if (missed.size() > size) {
            // More than a welcome sends were posted since: the newest go, as when the history kept fewer.
            return new Since(List.copyOf(missed.subList(missed.size() - size, missed.size())), Gap.TOO_OLD);
        }
        if (after.compareTo(log.lastDropped) < 0) {
            return new Since(missed, Gap.TOO_OLD);
        }
        // Nothing was dropped, yet the id is older than the first message: it is from a history dropped before this
        // one began (the room's, evicted) or from elsewhere.
        boolean beforeThisHistory = log.lastDropped.equals(MessageId.ZERO) && !after.equals(MessageId.ZERO)
                && missed.size() == log.messages.size() && !missed.isEmpty();
        return new Since(missed, beforeThisHistory ? Gap.UNKNOWN : Gap.NONE);
    }

    @Override
    public synchronized boolean delete(String room, MessageId id) {
        RoomLog log = log(room);
        if (log == null) {
            return false;
        }
        ChatMessage removed = log.messages.remove(id);
        if (removed != null) {
            long footprint = footprint(removed);
            log.bytes -= footprint;
            bytes -= footprint;
            return true;
        }
        return false;
    }

    @Override
    public synchronized List<ChatMessage> before(String room, MessageId before, int limit) {
        RoomLog log = log(room);
        if (log == null || limit < 1) {
            return List.of();
        }
        List<ChatMessage> page = new ArrayList<>(Math.min(limit, log.messages.size()));
        for (Iterator<ChatMessage> newestFirst = log.messages.newestFirst(before); newestFirst.hasNext()
                && page.size() < limit; ) {
            page.add(newestFirst.next());
        }
        Collections.reverse(page);
        return List.copyOf(page);
    }

    @Override
    public synchronized ChatMessage get(String room, MessageId id) {
        RoomLog log = log(room);
        if (log == null) {
            return null;
        }
        // Ids only grow: an id outside the kept range is answered at once, and the scan (newest first: changes are
        // mostly to recent messages) stops at the first older id.
        if (log.messages.isEmpty() || id.compareTo(log.lastId) > 0
                || id.compareTo(MessageId.parse(log.messages.first().id())) < 0) {
            return null;
        }
        return log.messages.find(id);
    }

    @Override
    public synchronized boolean replace(String room, ChatMessage changed) {
        RoomLog log = log(room);
        if (log == null) {
            return false;
        }
        ChatMessage old = log.messages.replace(changed);
        if (old == null) {
            return false;
        }
        long delta = footprint(changed) - footprint(old);
        log.bytes += delta;
        bytes += delta;
        evictBytes(); // a reaction makes a message bigger
        return true;
    }

    @Override
    public synchronized MessageId readMarker(String room, String person) {
        RoomLog log = log(room);
        return log == null ? null : log.read.get(person);
    }

    @Override
    public synchronized void markRead(String room, String person, MessageId id) {
        RoomLog log = log(room);
        if (log == null) {
            return;
        }
        // Most recently set last: past retained markers (throwaway persons), the longest unchanged goes.
        if (log.read.remove(person) == null) {
            if (log.read.size() >= retained) {
                Iterator<MessageId> eldest = log.read.values().iterator();
                eldest.next();
                eldest.remove();
            } else {
                log.bytes += READ_MARKER_BYTES;
                bytes += READ_MARKER_BYTES;
            }
        }
        log.read.put(person, id);
        evictBytes();
    }

    private RoomLog log(String room) {
        RoomLog log = live.get(room);
        return log != null ? log : idle.get(room);
    }

    /** Empty rooms' histories, least recently used first, then the oldest messages of rooms with members. */
    private void evictBytes() {
        if (bytes <= maxBytes) {
            return;
        }
        Iterator<RoomLog> idleFirst = idle.values().iterator();
        while (bytes > maxBytes && idleFirst.hasNext()) {
            bytes -= idleFirst.next().bytes;
            idleFirst.remove();
        }
        // Read markers go before any message: a stranger's throwaway persons must not cost a room its history.
        Iterator<RoomLog> markersFirst = live.values().iterator();
        while (bytes > maxBytes && markersFirst.hasNext()) {
            RoomLog log = markersFirst.next();
            long markers = log.read.size() * READ_MARKER_BYTES;
            log.read.clear();
            log.bytes -= markers;
            bytes -= markers;
        }
        Iterator<RoomLog> liveFirst = live.values().iterator();
        while (bytes > maxBytes && liveFirst.hasNext()) {
            RoomLog log = liveFirst.next();
            while (bytes > maxBytes && !log.messages.isEmpty()) {
                dropOldest(log);
            }
        }
    }

    private void dropOldest(RoomLog log) {
        ChatMessage dropped = log.messages.removeFirst();
        log.lastDropped = MessageId.parse(dropped.id());
        long footprint = footprint(dropped);
        log.bytes -= footprint;
        bytes -= footprint;
    }

    private void dropEldest(Map<String, RoomLog> logs) {
        Iterator<RoomLog> eldest = logs.values().iterator();
        bytes -= eldest.next().bytes;
        eldest.remove();
    }

    private static Map<String, RoomLog> lru() {
        return new LinkedHashMap<>(16, 0.75f, true);
    }

    private static final class RoomLog {
        private final MessageLog messages;
        /** Each person's read marker (v2), least recently set first; at most retained, dropped with the messages. */
        private final Map<String, MessageId> read = new LinkedHashMap<>();
        private long bytes;
        private MessageId lastId = MessageId.ZERO;
        /** The newest id no longer held: a reader at or after it has missed nothing that is gone. */
        private MessageId lastDropped = MessageId.ZERO;

        RoomLog(String room) {
            this.messages = new MessageLog(room);
        }
    }
}
