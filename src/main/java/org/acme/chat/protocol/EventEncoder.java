package org.acme.chat.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** Encodes server events to the JSON text of one frame. Broadcasts call it once per event, not once per recipient. */
public final class EventEncoder {

    private final ObjectMapper mapper;

    public EventEncoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The event as a frame ready to send, encoded once for every recipient. */
    public OutboundFrame frame(Object event) {
        return OutboundFrame.text(encode(event));
    }

    public String encode(Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }
}
