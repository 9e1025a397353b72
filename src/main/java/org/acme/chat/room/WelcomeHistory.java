package org.acme.chat.room;

import java.util.List;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.EventEncoder;

/**
 * The history a welcome carries, within {@code chat.history.welcome-max-bytes}: the newest messages whose encoded
 * size fits the budget, oldest first. However large the room's history settings, a welcome stays a size a client can
 * take in at once; a client that resumed learns from {@code recovered:false} that messages are missing.
 */
final class WelcomeHistory {

    /** Bytes of a message's JSON besides its strings' contents: field names, quotes, type, ts. */
    private static final long FIXED_BYTES = 128;

    private final EventEncoder encoder;
    private final long budgetBytes;

    WelcomeHistory(EventEncoder encoder, long budgetBytes) {
        this.encoder = encoder;
        this.budgetBytes = budgetBytes;
    }

    /** The newest messages of {@code history} (oldest first) that fit the budget, in the same order. */
    List<ChatMessage> trim(List<ChatMessage> history) {
        if (upperBound(history) <= budgetBytes) {
            return history; // the common case: no message needs encoding to know it fits
        }
        long used = 0;
        int from = history.size();
        while (from > 0) {
            // A message's own JSON, as it stands inside the welcome's history array (plus its comma).
            long size = encoder.frame(history.get(from - 1)).size() + 1;
            if (used + size > budgetBytes) {
                break;
            }
            used += size;
            from--;
        }
        return from == 0 ? history : history.subList(from, history.size());
    }

    /**
     * At least the encoded size of {@code history}: no character takes more than 6 bytes in JSON (a control character,
     * escaped), and the field names, quotes and numbers take well under {@link #FIXED_BYTES}.
     */
    private static long upperBound(List<ChatMessage> history) {
        long bound = 0;
        for (ChatMessage message : history) {
            long chars = message.chars();
            bound += FIXED_BYTES + 6 * chars;
        }
        return bound;
    }
}
