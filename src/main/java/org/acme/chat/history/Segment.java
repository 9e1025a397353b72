package org.acme.chat.history;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.Member;

/**
 * Up to {@link MessageLog#SEGMENT} consecutive messages of one room packed into one byte array, with their ids in two
 * long arrays: a handful of objects for what would be five per message. Kept messages live long, so every one of them
 * would be copied and promoted by the garbage collector; packed, the collector sees a few arrays (the tail latency of a
 * node keeping 10,000 messages a room depends on it). Immutable but for {@link #dropFirst}; a change re-packs it.
 */
final class Segment {

    private final String room;
    private final byte[] data;
    private final int[] offsets;
    private final long[] ms;
    private final long[] seq;
    private int start;

    private Segment(String room, byte[] data, int[] offsets, long[] ms, long[] seq) {
        this.room = room;
        this.data = data;
        this.offsets = offsets;
        this.ms = ms;
        this.seq = seq;
    }

    /** {@code messages} (oldest first, ids increasing) packed; {@code room} is theirs. */
    static Segment pack(String room, List<ChatMessage> messages) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(messages.size() * 192);
        DataOutputStream out = new DataOutputStream(bytes);
        int[] offsets = new int[messages.size() + 1];
        long[] ms = new long[messages.size()];
        long[] seq = new long[messages.size()];
        try {
            for (int i = 0; i < messages.size(); i++) {
                ChatMessage message = messages.get(i);
                offsets[i] = out.size();
                MessageId id = MessageId.parse(message.id());
                ms[i] = id.ms();
                seq[i] = id.seq();
                write(out, message);
            }
            offsets[messages.size()] = out.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return new Segment(room, bytes.toByteArray(), offsets, ms, seq);
    }

    int size() {
        return ms.length - start;
    }

    /** The id of message {@code i} (0: the oldest still held). */
    MessageId id(int i) {
        return new MessageId(ms[start + i], seq[start + i]);
    }

    /** Message {@code i}, unpacked (0: the oldest still held). */
    ChatMessage get(int i) {
        int at = start + i;
        try {
            return read(new DataInputStream(new ByteArrayInputStream(data, offsets[at], offsets[at + 1] - offsets[at])));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets the oldest message held. */
    void dropFirst() {
        start++;
    }

    /** Where {@code id} is (0: the oldest held), or -1. */
    int indexOf(MessageId id) {
        for (int i = 0; i < size(); i++) {
            if (ms[start + i] == id.ms() && seq[start + i] == id.seq()) {
                return i;
            }
        }
        return -1;
    }

    /** Every message held, unpacked, oldest first. */
    List<ChatMessage> unpack() {
        List<ChatMessage> messages = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            messages.add(get(i));
        }
        return messages;
    }

    private static void write(DataOutputStream out, ChatMessage message) throws IOException {
        out.writeUTF(message.id());
        out.writeUTF(message.from().id());
        out.writeUTF(message.from().name());
        out.writeBoolean(message.text() != null);
        if (message.text() != null) {
            out.writeUTF(message.text());
        }
        out.writeLong(message.ts());
        out.writeLong(message.editedAt() == null ? -1 : message.editedAt());
        out.writeBoolean(message.isDeleted());
        Map<String, List<String>> reactions = message.reactions() == null ? Map.of() : message.reactions();
        out.writeShort(reactions.size());
        for (Map.Entry<String, List<String>> reaction : reactions.entrySet()) {
            out.writeUTF(reaction.getKey());
            out.writeShort(reaction.getValue().size());
            for (String person : reaction.getValue()) {
                out.writeUTF(person);
            }
        }
    }

    private ChatMessage read(DataInputStream in) throws IOException {
        String id = in.readUTF();
        Member from = new Member(in.readUTF(), in.readUTF());
        String text = in.readBoolean() ? in.readUTF() : null;
        long ts = in.readLong();
        long editedAt = in.readLong();
        boolean deleted = in.readBoolean();
        int emoji = in.readShort();
        Map<String, List<String>> reactions = null;
        if (emoji > 0) {
            reactions = new LinkedHashMap<>();
            for (int e = 0; e < emoji; e++) {
                String key = in.readUTF();
                int people = in.readShort();
                List<String> persons = new ArrayList<>(people);
                for (int p = 0; p < people; p++) {
                    persons.add(in.readUTF());
                }
                reactions.put(key, List.copyOf(persons));
            }
        }
        return new ChatMessage(org.acme.chat.protocol.MessageType.MESSAGE, id, room, from, text, ts,
                editedAt < 0 ? null : editedAt, deleted ? Boolean.TRUE : null, reactions);
    }
}
