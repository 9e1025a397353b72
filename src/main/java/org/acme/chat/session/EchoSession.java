package org.acme.chat.session;

import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.transport.Transport;

/**
 * The connectivity check at {@code /echo}: every message comes back unchanged, text as text and binary as binary.
 * Admission, the frame budget (an over-budget frame is dropped silently), the heartbeat and the send queue apply as
 * for chat.
 */
public final class EchoSession extends Session {

    public EchoSession(Transport transport, Admission admission) {
        super(transport, admission);
    }

    /** Admits the connection; false if it was refused (it is closing then). */
    public boolean open() {
        return admit();
    }

    @Override
    protected void text(String text) {
        send(OutboundFrame.text(text));
    }

    @Override
    protected void binary(byte[] data) {
        send(OutboundFrame.binary(data));
    }
}
