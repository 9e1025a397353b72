package org.acme.chat.session;

import jakarta.enterprise.context.ApplicationScoped;
import org.acme.chat.auth.TokenAuth;
import org.acme.chat.config.ChatConfig;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.FrameDecoder;
import org.acme.chat.room.RoomService;
import org.acme.chat.transport.Transport;

/** Makes the chat session of each connection (v1: to a room; v2: of a person), with what they all share. */
@ApplicationScoped
public class ChatSessions {

    final Admission admission;
    final RoomService rooms;
    final FrameDecoder decoder;
    final EventEncoder encoder;
    final TokenAuth auth;
    final org.acme.chat.protocol.v2.FrameDecoder decoderV2;
    final int maxRoomsPerSession;

    public ChatSessions(Admission admission, RoomService rooms, FrameDecoder decoder,
            org.acme.chat.protocol.v2.FrameDecoder decoderV2, EventEncoder encoder, TokenAuth auth,
            ChatConfig config) {
        this.admission = admission;
        this.decoderV2 = decoderV2;
        this.maxRoomsPerSession = config.limits().maxRoomsPerSession();
        this.rooms = rooms;
        this.decoder = decoder;
        this.encoder = encoder;
        this.auth = auth;
    }

    /** A session for a new connection; {@link ChatSession#open} then admits it and joins its room. */
    public ChatSession create(Transport transport) {
        return new ChatSession(transport, this);
    }

    /** A v2 session for a new connection to {@code /ws}; {@link PersonSession#open} then admits it. */
    public PersonSession createPerson(Transport transport) {
        return new PersonSession(transport, this);
    }
}
