package org.acme.chat.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.acme.chat.protocol.ChatMessage;

/**
 * One room's kept messages, oldest first, packed {@link #SEGMENT} at a time as they come ({@link Segment}; the newest
 * fewer than that are objects), so that a room keeping 10,000 messages holds about 1,600 objects, not 50,000, and a
 * message is packed before the collector promotes it. Reading unpacks what it reads (a joiner's 50, a page of
 * scroll-back); a change re-packs one segment. Not thread-safe: the store's lock guards it.
 */
final class MessageLog {

    /**
     * Messages per packed segment: small, so that a message is packed soon after it is posted (kept loose longer, it
     * lives long enough to be promoted; bench/results/ab-latest.md compares the choices).
     */
    static final int SEGMENT = 32;

    private final String room;
    private final ArrayDeque<Segment> packed = new ArrayDeque<>();
    private final ArrayDeque<ChatMessage> recent = new ArrayDeque<>();
    private int packedSize;

    MessageLog(String room) {
        this.room = room;
    }

    int size() {
        return packedSize + recent.size();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    void addLast(ChatMessage message) {
        recent.addLast(message);
        if (recent.size() >= SEGMENT) {
            List<ChatMessage> oldest = new ArrayList<>(SEGMENT);
            for (int i = 0; i < SEGMENT; i++) {
                oldest.add(recent.removeFirst());
            }
            packed.addLast(Segment.pack(room, oldest));
            packedSize += SEGMENT;
        }
    }

    /** The oldest message, or null when empty. */
    ChatMessage first() {
        Segment oldest = packed.peekFirst();
        return oldest != null ? oldest.get(0) : recent.peekFirst();
    }

    ChatMessage removeFirst() {
        Segment oldest = packed.peekFirst();
        if (oldest == null) {
            return recent.removeFirst();
        }
        ChatMessage message = oldest.get(0);
        oldest.dropFirst();
        packedSize--;
        if (oldest.size() == 0) {
            packed.removeFirst();
        }
        return message;
    }

    /** The newest {@code count} messages, oldest first. */
    List<ChatMessage> newest(int count) {
        List<ChatMessage> page = new ArrayList<>(Math.min(count, size()));
        for (Iterator<ChatMessage> newestFirst = newestFirst(null); newestFirst.hasNext() && page.size() < count; ) {
            page.add(newestFirst.next());
        }
        Collections.reverse(page);
        return page;
    }

    /** The messages older than {@code before} (null: all), newest first; packed ones unpacked as they are reached. */
    Iterator<ChatMessage> newestFirst(MessageId before) {
        return new Iterator<>() {
            private final Iterator<ChatMessage> loose = recent.descendingIterator();
            private final Iterator<Segment> segments = packed.descendingIterator();
            private Segment segment;
            private int index = -1;
            private ChatMessage next = advance();

            private ChatMessage advance() {
                while (loose.hasNext()) {
                    ChatMessage message = loose.next();
                    if (before == null || MessageId.parse(message.id()).compareTo(before) < 0) {
                        return message;
                    }
                }
                while (true) {
                    while (index < 0) {
                        if (!segments.hasNext()) {
                            return null;
                        }
                        segment = segments.next();
                        // A whole segment at or after before is skipped without unpacking it.
                        index = before != null && segment.id(0).compareTo(before) >= 0 ? -1 : segment.size() - 1;
                    }
                    int at = index--;
                    if (before == null || segment.id(at).compareTo(before) < 0) {
                        return segment.get(at);
                    }
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ChatMessage next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                ChatMessage current = next;
                next = advance();
                return current;
            }
        };
    }

    /** Message {@code id}, or null. */
    ChatMessage find(MessageId id) {
        for (ChatMessage message : recent) {
            if (message.id().equals(id.toString())) {
                return message;
            }
        }
        for (Segment segment : packed) {
            if (segment.size() > 0 && segment.id(0).compareTo(id) <= 0
                    && segment.id(segment.size() - 1).compareTo(id) >= 0) {
                int at = segment.indexOf(id);
                return at < 0 ? null : segment.get(at);
            }
        }
        return null;
    }

    /** Puts {@code changed} in the place of the message of its id; returns the message it replaced, or null. */
    ChatMessage replace(ChatMessage changed) {
        return change(MessageId.parse(changed.id()), changed);
    }

    /** Removes message {@code id}; returns it, or null. */
    ChatMessage remove(MessageId id) {
        return change(id, null);
    }

    /** Replaces ({@code changed}) or removes (null) message {@code id}: a packed one's segment is packed again. */
    private ChatMessage change(MessageId id, ChatMessage changed) {
        String wanted = id.toString();
        for (Iterator<ChatMessage> it = recent.iterator(); it.hasNext(); ) {
            ChatMessage message = it.next();
            if (message.id().equals(wanted)) {
                if (changed == null) {
                    it.remove();
                } else {
                    List<ChatMessage> all = new ArrayList<>(recent);
                    all.set(all.indexOf(message), changed);
                    recent.clear();
                    recent.addAll(all);
                }
                return message;
            }
        }
        List<Segment> segments = new ArrayList<>(packed);
        for (int s = 0; s < segments.size(); s++) {
            Segment segment = segments.get(s);
            int at = segment.indexOf(id);
            if (at < 0) {
                continue;
            }
            List<ChatMessage> messages = segment.unpack();
            ChatMessage old = changed == null ? messages.remove(at) : messages.set(at, changed);
            if (messages.isEmpty()) {
                segments.remove(s);
            } else {
                segments.set(s, Segment.pack(room, messages));
            }
            if (changed == null) {
                packedSize--;
            }
            packed.clear();
            packed.addAll(segments);
            return old;
        }
        return null;
    }
}
