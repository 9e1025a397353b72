package org.acme.chat.room;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acme.chat.protocol.ChatMessage;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.Member;
import org.junit.jupiter.api.Test;

/** A welcome's history stays within its byte budget, reactions included (a v2 message may hold hundreds). */
class WelcomeHistoryTest {

    private static final EventEncoder ENCODER = new EventEncoder(new ObjectMapper());

    @Test
    void messagesHeavyWithReactionsAreTrimmedToTheBudget() {
        long budget = 131_072;
        List<ChatMessage> history = new ArrayList<>();
        for (int m = 0; m < 50; m++) {
            Map<String, List<String>> reactions = new LinkedHashMap<>();
            for (int e = 0; e < 20; e++) {
                List<String> people = new ArrayList<>();
                for (int p = 0; p < 25; p++) {
                    people.add("p" + "x".repeat(20) + p);
                }
                reactions.put(new String(Character.toChars(0x1F600 + e)), people);
            }
            history.add(new ChatMessage(m + "-0", "lobby", new Member("a", "alice"), "hi", m).withReactions(reactions));
        }
        List<ChatMessage> kept = new WelcomeHistory(ENCODER, budget).trim(history);
        long bytes = kept.stream().mapToLong(message -> ENCODER.frame(message).size() + 1).sum();
        assertTrue(bytes <= budget, () -> bytes + " bytes of history in one welcome, over " + budget);
        assertTrue(!kept.isEmpty() && kept.size() < history.size());
    }
}
