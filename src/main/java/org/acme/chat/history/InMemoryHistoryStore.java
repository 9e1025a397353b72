package org.acme.chat.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;

/**
 * History for a single node: the last {@code size} messages of each room, for at most {@code maxRooms} rooms. When
 * more rooms than that have history, the least recently used room's history is dropped.
 */
public final class InMemoryHistoryStore implements HistoryStore {

    private final int size;
    private final Map<String, RoomLog> logs;

    public InMemoryHistoryStore(int size, int maxRooms) {
        if (size < 0 || maxRooms < 1) {
            throw new IllegalArgumentException("size must be >= 0 and maxRooms >= 1");
        }
        this.size = size;
        this.logs = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RoomLog> eldest) {
                return size() > maxRooms;
            }
        };
    }

    @Override
    public ChatMessage append(String room, Member from, String text, long ts) {
        RoomLog log;
        synchronized (logs) {
            log = logs.computeIfAbsent(room, r -> new RoomLog());
        }
        synchronized (log) {
            log.lastId = log.lastId.next(ts);
            ChatMessage message = new ChatMessage(log.lastId.toString(), room, from, text, ts);
            if (size == 0) {
                log.lastDropped = log.lastId;
            } else {
                if (log.messages.size() == size) {
                    log.lastDropped = MessageId.parse(log.messages.removeFirst().id());
                }
                log.messages.addLast(message);
            }
            return message;
        }
    }

    @Override
    public List<ChatMessage> recent(String room) {
        RoomLog log;
        synchronized (logs) {
            log = logs.get(room);
        }
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            return List.copyOf(log.messages);
        }
    }

    @Override
    public Since since(String room, MessageId after) {
        RoomLog log;
        synchronized (logs) {
            log = logs.get(room);
        }
        if (log == null) {
            return new Since(List.of(), after.equals(MessageId.ZERO) ? Gap.NONE : Gap.UNKNOWN);
        }
        synchronized (log) {
            if (after.compareTo(log.lastId) > 0) {
                return new Since(List.of(), Gap.UNKNOWN);
            }
            List<ChatMessage> missed = new ArrayList<>();
            for (ChatMessage message : log.messages) {
                if (MessageId.parse(message.id()).compareTo(after) > 0) {
                    missed.add(message);
                }
            }
            return new Since(missed, after.compareTo(log.lastDropped) >= 0 ? Gap.NONE : Gap.TOO_OLD);
        }
    }

    private static final class RoomLog {
        private final ArrayDeque<ChatMessage> messages = new ArrayDeque<>();
        private MessageId lastId = MessageId.ZERO;
        /** The newest id no longer held: a reader at or after it has missed nothing that is gone. */
        private MessageId lastDropped = MessageId.ZERO;
    }
}
