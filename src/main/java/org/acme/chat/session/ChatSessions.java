package org.acme.chat.session;

import jakarta.enterprise.context.ApplicationScoped;
import org.acme.chat.auth.TokenAuth;
import org.acme.chat.protocol.EventEncoder;
import org.acme.chat.protocol.FrameDecoder;
import org.acme.chat.room.RoomService;
import org.acme.chat.transport.Transport;

/** Makes the chat session of each connection to a room, with what every chat session shares. */
@ApplicationScoped
public class ChatSessions {

    final Admission admission;
    final RoomService rooms;
    final FrameDecoder decoder;
    final EventEncoder encoder;
    final TokenAuth auth;

    public ChatSessions(Admission admission, RoomService rooms, FrameDecoder decoder, EventEncoder encoder,
            TokenAuth auth) {
        this.admission = admission;
        this.rooms = rooms;
        this.decoder = decoder;
        this.encoder = encoder;
        this.auth = auth;
    }

    /** A session for a new connection; {@link ChatSession#open} then admits it and joins its room. */
    public ChatSession create(Transport transport) {
        return new ChatSession(transport, this);
    }
}
