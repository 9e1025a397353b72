package org.acme.chat.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.acme.chat.protocol.MessageType;

/**
 * {@code chat_presence_notices_total{type, delivery}} and {@code chat_presence_notices_netted_total}: what became of
 * the join and leave notices of this node's rooms. Each notice counts once, whatever the number of its recipients:
 * {@code immediate} when it went out at once within the room's budget, {@code coalesced} when it was held for the next
 * batch; the batch then leaves out the notices that netted away (a join and its leave).
 */
final class PresenceCounters {

    /** [join, leave] × [immediate, coalesced]. */
    private final Counter[][] notices = new Counter[2][2];
    private final Counter netted;

    PresenceCounters(MeterRegistry registry) {
        for (MessageType type : new MessageType[] { MessageType.JOIN, MessageType.LEAVE }) {
            for (boolean coalesced : new boolean[] { false, true }) {
                notices[index(type)][coalesced ? 1 : 0] = Counter.builder("chat.presence.notices")
                        .description("Join and leave notices of this node's rooms (once per notice, not per"
                                + " recipient): sent at once, or held for a coalesced batch")
                        .tag("type", type.wireName()).tag("delivery", coalesced ? "coalesced" : "immediate")
                        .register(registry);
            }
        }
        this.netted = Counter.builder("chat.presence.notices.netted")
                .description("Held join and leave notices never sent: the member joined and left within one batch")
                .register(registry);
    }

    void notice(MessageType type, boolean coalesced) {
        notices[index(type)][coalesced ? 1 : 0].increment();
    }

    void netted(int count) {
        netted.increment(count);
    }

    private static int index(MessageType type) {
        return type == MessageType.JOIN ? 0 : 1;
    }
}
