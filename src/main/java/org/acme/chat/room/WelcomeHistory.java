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

    private final EventEncoder encoder;
    private final long budgetBytes;

    WelcomeHistory(EventEncoder encoder, long budgetBytes) {
        this.encoder = encoder;
        this.budgetBytes = budgetBytes;
    }

    /** The newest messages of {@code history} (oldest first) that fit the budget, in the same order. */
    List<ChatMessage> trim(List<ChatMessage> history) {
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
}
