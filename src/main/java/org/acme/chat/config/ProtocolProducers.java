package org.acme.chat.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.FrameDecoder;

/** Builds the protocol codec from the application's {@link ObjectMapper} and the {@code chat.message.*} limits. */
public class ProtocolProducers {

    @Produces
    @Singleton
    FrameDecoder frameDecoder(ChatConfig config) {
        return new FrameDecoder(config.message().maxLength(), config.message().maxRefLength());
    }

    @Produces
    @Singleton
    org.acme.chat.protocol.v2.FrameDecoder frameDecoderV2(FrameDecoder v1) {
        return new org.acme.chat.protocol.v2.FrameDecoder(v1);
    }

    @Produces
    @Singleton
    EventEncoder eventEncoder(ObjectMapper mapper) {
        return new EventEncoder(mapper);
    }
}
