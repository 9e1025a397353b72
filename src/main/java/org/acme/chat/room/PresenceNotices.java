package org.acme.chat.room;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acme.chat.broker.RoomEvent;
import org.acme.chat.limits.RateLimiter;
import org.acme.chat.protocol.MessageType;

/**
 * One room's budget for join and leave notices ({@code chat.presence.notices-per-second}, with a burst). Within it a
 * notice goes out at once. Beyond it (a client, or many, joining and leaving in a loop) notices are held and go out
 * together at most once per {@code chat.presence.coalesce-interval}, netted per recipient: a member who joined and
 * left again within the batch is never announced at all. So churn costs each member at most one batch of real
 * changes per interval, however fast it runs, and every member's list stays right. Guarded by the room's lock.
 */
final class PresenceNotices {

    private final RateLimiter budget;
    private List<RoomEvent> held;

    PresenceNotices(double perSecond, int burst, long nowNanos) {
        this.budget = new RateLimiter(perSecond, burst, nowNanos);
    }

    /**
     * Whether a join or leave notice must be held for the next batch (the caller schedules the batch when it holds the
     * first). A notice goes out at once only when none is held, so notices keep their order.
     */
    boolean hold(RoomEvent notice, long nowNanos) {
        if (held == null && budget.tryAcquire(nowNanos)) {
            return false;
        }
        if (held == null) {
            held = new ArrayList<>();
        }
        held.add(notice);
        return true;
    }

    boolean holding() {
        return held != null;
    }

    /** The held notices, in room order; none are held afterwards. */
    List<RoomEvent> drain() {
        List<RoomEvent> batch = held == null ? List.of() : held;
        held = null;
        return batch;
    }

    /**
     * The notices of {@code batch} that one member is to receive: those after {@code joinedAt} (its welcome covered
     * the rest), without its own ({@code memberId}; null: none is in the batch), and without a join whose leave is in
     * the batch too (and that leave).
     */
    static List<RoomEvent> netFor(List<RoomEvent> batch, long joinedAt, String memberId) {
        Map<String, RoomEvent> net = new LinkedHashMap<>();
        for (RoomEvent notice : batch) {
            if (notice.seq() <= joinedAt || notice.memberId().equals(memberId)) {
                continue;
            }
            RoomEvent earlier = net.get(notice.memberId());
            if (earlier != null && earlier.type() == MessageType.JOIN && notice.type() == MessageType.LEAVE) {
                net.remove(notice.memberId()); // came and went within the batch: nothing to tell
            } else {
                net.put(notice.memberId(), notice);
            }
        }
        return new ArrayList<>(net.values());
    }
}
