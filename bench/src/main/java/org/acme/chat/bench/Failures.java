package org.acme.chat.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Failures counted by reason (e.g. {@code HTTP 503 server is full}), safe to add to from any thread. Quoted parts of a
 * reason (names, rooms) are replaced by {@code '...'} so that one cause is counted once, not once per connection.
 */
final class Failures {

    private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();

    void add(String reason) {
        add(reason, 1);
    }

    void add(String reason, long count) {
        byReason.computeIfAbsent(reason.replaceAll("'[^']*'", "'...'"), r -> new LongAdder()).add(count);
    }

    void addAll(Failures other) {
        other.byReason.forEach((reason, count) -> add(reason, count.sum()));
    }

    long total() {
        return byReason.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Count by reason, most frequent first. */
    Map<String, Long> counts() {
        List<Map.Entry<String, LongAdder>> entries = new ArrayList<>(byReason.entrySet());
        entries.sort((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, LongAdder> e : entries) {
            counts.put(e.getKey(), e.getValue().sum());
        }
        return counts;
    }

    /** The reasons, most frequent first, as {@code count x reason}. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        counts().forEach((reason, count) -> lines.add(count + " x " + reason));
        return lines;
    }

    /** The total and the five most frequent reasons. */
    @Override
    public String toString() {
        List<String> lines = lines();
        String more = lines.size() > 5 ? "; and " + (lines.size() - 5) + " other reasons" : "";
        return total() == 0 ? "none"
                : total() + " (" + String.join("; ", lines.subList(0, Math.min(5, lines.size()))) + more + ")";
    }
}
