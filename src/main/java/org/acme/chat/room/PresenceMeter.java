package org.acme.chat.room;

import org.acme.chat.protocol.MessageType;

/**
 * What the rooms count of their join and leave notices ({@code chat_presence_notices_total}): each notice once, when a
 * room here sends it at once or holds it for a coalesced batch, and the held ones that netted away. Called under a
 * room's lock: must not block.
 */
public interface PresenceMeter {

    /** Counts nothing. */
    PresenceMeter NONE = new PresenceMeter() {
        @Override
        public void notice(MessageType type, boolean coalesced) {
        }

        @Override
        public void netted(int notices) {
        }
    };

    /** A join or leave notice went out at once ({@code coalesced} false) or was held for the next batch. */
    void notice(MessageType type, boolean coalesced);

    /**
     * A batch went out without {@code notices} of its held notices: joins whose leave was in the batch too, and those
     * leaves.
     */
    void netted(int notices);
}
