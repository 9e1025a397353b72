package org.acme.chat.broker.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acme.chat.protocol.ChatMessage;
import org.jboss.logging.Logger;

/**
 * A message's state as the Redis scripts keep it next to the stream, whose entries never change: a field of the
 * {@code edits} hash, {@code {"text","editedAt"}} or a tombstone {@code {"deleted":true}} (with {@code editedAt} if it
 * was edited before), and a field of the {@code reactions} hash, {@code [[emoji, [person ids]], ...]}, emoji in order
 * of first use and persons in order of reacting. Applied to the message as posted, it is the message as it stands.
 */
final class MessageState {

    private static final Logger LOG = Logger.getLogger(MessageState.class);

    private final ObjectMapper mapper;

    MessageState(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The edits field of a message edited to {@code text} at {@code editedAt}. */
    String edit(String text, long editedAt) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("text", text);
        state.put("editedAt", editedAt);
        try {
            return mapper.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code message} as posted, with its edits field and reactions field applied (either may be null: none). */
    ChatMessage apply(ChatMessage message, String edit, String reactions) {
        try {
            ChatMessage current = message;
            if (edit != null) {
                JsonNode state = mapper.readTree(edit);
                if (state.hasNonNull("editedAt")) {
                    String text = state.hasNonNull("text") ? state.get("text").asText() : message.text();
                    current = current.edited(text, state.get("editedAt").asLong());
                }
                if (state.path("deleted").asBoolean(false)) {
                    return current.tombstone();
                }
            }
            return reactions == null ? current : current.withReactions(reactions(mapper.readTree(reactions)));
        } catch (JsonProcessingException e) {
            LOG.warnf("showing message %s as posted: its stored state is unreadable (%s)", message.id(),
                    e.getClass().getName());
            return message;
        }
    }

    private static Map<String, List<String>> reactions(JsonNode pairs) {
        Map<String, List<String>> reactions = new LinkedHashMap<>();
        for (JsonNode pair : pairs) {
            List<String> persons = new ArrayList<>();
            pair.get(1).forEach(person -> persons.add(person.asText()));
            reactions.put(pair.get(0).asText(), List.copyOf(persons));
        }
        return reactions;
    }
}
