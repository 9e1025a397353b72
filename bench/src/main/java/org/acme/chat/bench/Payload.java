package org.acme.chat.bench;

import io.vertx.core.buffer.Buffer;

/**
 * The text of a benchmark message: {@code <step>:<index>:<sendNanos>:} followed by {@code x} up to the requested size,
 * e.g. {@code 1:4711:3920174412345:xxxx...}. {@code sendNanos} is {@link #now()}, this generator process's
 * {@link System#nanoTime()} counted from its start, read just before the frame is written, so only the process that
 * sent a message can turn it into a latency; {@code step} tells one measurement from the next (and from the warm-up)
 * and {@code index} numbers the messages of a step from 0.
 */
final class Payload {

    /** A decoded text: which step and message it is, and when it was sent. */
    record Stamp(int step, int index, long sentNanos) {
    }

    private static final long ORIGIN = System.nanoTime();

    private Payload() {
    }

    /** Nanoseconds since this process loaded the class: never negative, comparable only within the process. */
    static long now() {
        return System.nanoTime() - ORIGIN;
    }

    /** A text of at least {@code size} ASCII characters (more only if the stamp alone is longer). */
    static String encode(int step, int index, long sentNanos, int size) {
        StringBuilder text = new StringBuilder(Math.max(size, 48));
        text.append(step).append(':').append(index).append(':').append(sentNanos).append(':');
        while (text.length() < size) {
            text.append('x');
        }
        return text.toString();
    }

    /** Reads a stamp at {@code offset} of {@code buffer}, or returns null if none is there. */
    static Stamp decode(Buffer buffer, int offset) {
        long[] fields = new long[3];
        int at = offset;
        for (int f = 0; f < 3; f++) {
            long value = 0;
            int start = at;
            while (at < buffer.length()) {
                byte b = buffer.getByte(at);
                if (b < '0' || b > '9') {
                    break;
                }
                value = value * 10 + (b - '0');
                at++;
            }
            if (at == start || at - start > 18 || at >= buffer.length() || buffer.getByte(at) != ':') {
                return null;
            }
            fields[f] = value;
            at++;
        }
        if (fields[0] > Integer.MAX_VALUE || fields[1] > Integer.MAX_VALUE) {
            return null;
        }
        return new Stamp((int) fields[0], (int) fields[1], fields[2]);
    }
}
