package org.acme.chat.broker.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import org.acme.chat.protocol.Member;
import org.acme.chat.protocol.MessageType;

/**
 * The pieces of JSON the {@link RedisScripts} complete into frames once Redis has chosen a message id or a timestamp.
 * Each piece is encoded by the application's {@link ObjectMapper}, so that a completed frame is exactly what
 * {@code EventEncoder} writes for the same {@code ChatMessage} or {@code Presence} (FramePartsTest holds it to that).
 */
final class FrameParts {

    static final String MESSAGE_PREFIX = "{\"type\":\"message\",\"id\":\"";

    private final ObjectMapper mapper;

    FrameParts(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** What follows the id in a message frame, up to the value of {@code ts}. */
    String messageMiddle(String room, Member from, String text) {
        return "\",\"room\":" + json(room) + ",\"from\":" + json(from) + ",\"text\":" + json(text) + ",\"ts\":";
    }

    /** A join or leave frame up to its member: the script adds {@code member},{@code "ts":…}{@code }}. */
    String presencePrefix(MessageType type, String room) {
        return "{\"type\":\"" + type.wireName() + "\",\"room\":" + json(room) + ",\"member\":";
    }

    String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
