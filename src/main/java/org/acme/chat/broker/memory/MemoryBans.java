package org.acme.chat.broker.memory;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The bans of a single node: per room, name keys and until when (epoch ms) each is banned. An expired ban is dropped
 * when its room's bans are next read or written, so what is kept is bounded by the bans issued within their durations.
 */
final class MemoryBans {

    private final Map<String, Map<String, Long>> rooms = new HashMap<>();
    private final Clock clock;

    MemoryBans(Clock clock) {
        this.clock = clock;
    }

    synchronized void ban(String room, String nameKey, long millis) {
        bans(room).put(nameKey, clock.millis() + millis);
    }

    synchronized boolean lift(String room, String nameKey) {
        prune(room);
        Map<String, Long> bans = rooms.get(room);
        boolean lifted = bans != null && bans.remove(nameKey) != null;
        prune(room);
        return lifted;
    }

    synchronized boolean isBanned(String room, String nameKey) {
        prune(room);
        Map<String, Long> bans = rooms.get(room);
        return bans != null && bans.containsKey(nameKey);
    }

    private Map<String, Long> bans(String room) {
        prune(room);
        return rooms.computeIfAbsent(room, r -> new HashMap<>());
    }

    private void prune(String room) {
        Map<String, Long> bans = rooms.get(room);
        if (bans != null) {
            long now = clock.millis();
            bans.values().removeIf(until -> until <= now);
            if (bans.isEmpty()) {
                rooms.remove(room);
            }
        }
    }
}
