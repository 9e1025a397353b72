package org.acme.chat.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * A chat message as delivered to members and kept in history. {@code id} is {@code <ms>-<seq>} and increases within a
 * room; {@code ts} is server epoch milliseconds. The last three fields are protocol v2's view of the message's current
 * state, absent (null) when they say nothing: {@code editedAt} once it was edited, {@code deleted} (true, and
 * {@code text} null) once its author deleted it, {@code reactions} the person ids per emoji, in order of reacting. A
 * message as it is posted has none of them, so v1 frames never carry them ({@link #plain}).
 */
@RegisterForReflection
public record ChatMessage(MessageType type, String id, String room, Member from,
        @JsonInclude(JsonInclude.Include.NON_NULL) String text, long ts,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long editedAt,
        @JsonProperty("deleted") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deleted,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<String>> reactions) {

    public ChatMessage(MessageType type, String id, String room, Member from, String text, long ts) {
        this(type, id, room, from, text, ts, null, null, null);
    }

    public ChatMessage(String id, String room, Member from, String text, long ts) {
        this(MessageType.MESSAGE, id, room, from, text, ts);
    }

    /** Whether its author deleted it (a tombstone: no text). Not a property: {@code deleted} is (null when false). */
    @JsonIgnore
    public boolean isDeleted() {
        return Boolean.TRUE.equals(deleted);
    }

    /** The message as protocol v1 shows it: the current text, nothing of v2's state (callers skip tombstones). */
    public ChatMessage plain() {
        return editedAt == null && deleted == null && (reactions == null || reactions.isEmpty()) ? this
                : new ChatMessage(type, id, room, from, text, ts);
    }

    /** This message with {@code newText}, edited at {@code at}. */
    public ChatMessage edited(String newText, long at) {
        return new ChatMessage(type, id, room, from, newText, ts, at, deleted, reactions);
    }

    /** This message's tombstone: no text, no reactions, {@code deleted:true}. */
    public ChatMessage tombstone() {
        return new ChatMessage(type, id, room, from, null, ts, editedAt, Boolean.TRUE, null);
    }

    /** This message with {@code reactions} (emoji to person ids; empty for none). */
    public ChatMessage withReactions(Map<String, List<String>> newReactions) {
        return new ChatMessage(type, id, room, from, text, ts, editedAt, deleted,
                newReactions == null || newReactions.isEmpty() ? null : newReactions);
    }

    /** Characters of its strings (id, room, sender, text), what the history stores estimate its size by. */
    public int chars() {
        return id.length() + room.length() + (text == null ? 0 : text.length()) + from.id().length()
                + from.name().length();
    }
}
