package org.acme.chat.broker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A message's reactions (emoji to person ids, both in order of reacting) as values: changes make new maps. */
public final class Reactions {

    private Reactions() {
    }

    /**
     * {@code reactions} with {@code person}'s {@code emoji} put ({@code on}) or taken back; null when that changes
     * nothing. An emoji nobody has left disappears. {@code reactions} may be null (none).
     */
    public static Map<String, List<String>> toggle(Map<String, List<String>> reactions, String emoji, String person,
            boolean on) {
        List<String> people = reactions == null ? null : reactions.get(emoji);
        boolean present = people != null && people.contains(person);
        if (present == on) {
            return null;
        }
        Map<String, List<String>> changed = reactions == null ? new LinkedHashMap<>() : new LinkedHashMap<>(reactions);
        List<String> updated = people == null ? new ArrayList<>() : new ArrayList<>(people);
        if (on) {
            updated.add(person);
            changed.put(emoji, List.copyOf(updated));
        } else {
            updated.remove(person);
            if (updated.isEmpty()) {
                changed.remove(emoji);
            } else {
                changed.put(emoji, List.copyOf(updated));
            }
        }
        return changed;
    }
}
