package org.acme.chat.history;

/**
 * A message id, {@code <ms>-<seq>} on the wire: server milliseconds, then a sequence within that millisecond. Ids of a
 * room only increase, even if the clock steps back, and compare numerically part by part (the shape of a Redis stream
 * id, so clients handle both brokers alike).
 */
public record MessageId(long ms, long seq) implements Comparable<MessageId> {

    /** The id before any message. */
    public static final MessageId ZERO = new MessageId(0, 0);

    /** The next id after this one at server time {@code now}. */
    public MessageId next(long now) {
        return now > ms ? new MessageId(now, 0) : new MessageId(ms, seq + 1);
    }

    /** Parses {@code <ms>-<seq>}; throws {@link IllegalArgumentException} on anything else. */
    public static MessageId parse(String text) {
        int dash = text.indexOf('-');
        if (dash <= 0 || dash == text.length() - 1) {
            throw new IllegalArgumentException("not a message id: " + text);
        }
        try {
            long ms = Long.parseLong(text, 0, dash, 10);
            long seq = Long.parseLong(text, dash + 1, text.length(), 10);
            if (ms < 0 || seq < 0) {
                throw new IllegalArgumentException("not a message id: " + text);
            }
            return new MessageId(ms, seq);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a message id: " + text, e);
        }
    }

    @Override
    public int compareTo(MessageId other) {
        int byMs = Long.compare(ms, other.ms);
        return byMs != 0 ? byMs : Long.compare(seq, other.seq);
    }

    @Override
    public String toString() {
        return ms + "-" + seq;
    }
}
