package org.acme.chat.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak's account of every steady member's message: who posted it in which room, whether the server confirmed it
 * (an {@code ack}, or any member received it), and how many copies each steady member of that room received, live
 * or from the {@code history} of a resuming {@code welcome}. Every steady member of a room must receive every
 * confirmed message of that room exactly once: a member with none is one copy lost, a member with two is one copy
 * duplicated. A message the server never confirmed (its connection closed before the ack, and nobody got it) is
 * counted as unconfirmed, not lost: the poster knows it was not delivered. Messages posted inside an outage window
 * ({@link #outage(boolean)}: Redis away, when by design only members of the same node hear each other) are tallied
 * apart. Safe to use from any thread.
 */
final class Ledger {

    /** What one run's steady messages came to. */
    record Tally(int posted, int confirmed, int unconfirmed, long expected, long delivered, long lost,
                 long duplicated, int outagePosted, long outageLost, long outageDuplicated) {
    }

    private record Posted(int room, boolean inOutage, AtomicInteger acks) {
    }

    private final List<Integer> membersPerRoom;
    private final Map<Integer, Posted> messages = new ConcurrentHashMap<>();
    /** Per steady member: copies received by message number. */
    private final Map<Integer, Map<Integer, AtomicInteger>> receipts = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> roomOf = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean outage;

    /** {@code membersPerRoom.get(r)}: how many steady members room {@code r} has. */
    Ledger(List<Integer> membersPerRoom) {
        this.membersPerRoom = List.copyOf(membersPerRoom);
    }

    void member(int member, int room) {
        roomOf.put(member, room);
        receipts.put(member, new ConcurrentHashMap<>());
    }

    /** Starts or ends a window whose messages are counted apart. */
    void outage(boolean inside) {
        outage = inside;
    }

    /** A new message number, recorded as posted in {@code room}. */
    int post(int room) {
        int number = next.getAndIncrement();
        messages.put(number, new Posted(room, outage, new AtomicInteger()));
        return number;
    }

    void acked(int number) {
        Posted posted = messages.get(number);
        if (posted != null) {
            posted.acks.incrementAndGet();
        }
    }

    void received(int member, int number) {
        receipts.get(member).computeIfAbsent(number, n -> new AtomicInteger()).incrementAndGet();
    }

    /** Copies still missing for confirmed messages outside outage windows (for waiting until the last arrive). */
    long missing() {
        return tally().lost();
    }

    Tally tally() {
        int posted = messages.size();
        int confirmed = 0;
        int outagePosted = 0;
        long expected = 0;
        long delivered = 0;
        long lost = 0;
        long duplicated = 0;
        long outageLost = 0;
        long outageDuplicated = 0;
        for (Map.Entry<Integer, Posted> entry : messages.entrySet()) {
            int number = entry.getKey();
            Posted message = entry.getValue();
            long copies = 0;
            long missingHere = 0;
            long extraHere = 0;
            for (Map.Entry<Integer, Map<Integer, AtomicInteger>> member : receipts.entrySet()) {
                if (roomOf.get(member.getKey()) != message.room) {
                    continue;
                }
                AtomicInteger count = member.getValue().get(number);
                int n = count == null ? 0 : count.get();
                copies += n;
                missingHere += n == 0 ? 1 : 0;
                extraHere += Math.max(0, n - 1);
            }
            if (message.acks.get() == 0 && copies == 0) {
                continue; // never confirmed: not expected anywhere
            }
            confirmed++;
            if (message.inOutage) {
                outagePosted++;
                outageLost += missingHere;
                outageDuplicated += extraHere;
            } else {
                expected += membersPerRoom.get(message.room);
                delivered += copies - extraHere;
                lost += missingHere;
                duplicated += extraHere;
            }
        }
        return new Tally(posted, confirmed, posted - confirmed, expected, delivered, lost, duplicated, outagePosted,
                outageLost, outageDuplicated);
    }
}
