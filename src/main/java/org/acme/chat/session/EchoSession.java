package org.acme.chat.session;

import java.util.function.UnaryOperator;
import org.acme.chat.auth.TokenAuth;
import org.acme.chat.logging.ConnectionLog;
import org.acme.chat.protocol.CloseCodes;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.transport.Transport;

/**
 * The connectivity check at {@code /echo}, speaking the keep-alive mini-protocol: the text {@code ping} is answered
 * with {@code pong}, the text {@code bye} ends the connection with 1000 {@code Bye}, and every other message comes back
 * unchanged, text as text and binary as binary. Only exact matches count ({@code Ping} or {@code ping\n} are echoed).
 * Admission, the frame budget (an over-budget frame is dropped silently), the heartbeat and the send queue apply as
 * for chat; with {@code chat.auth.enabled} so does the token (any valid one: no room to grant), checked before the
 * connection takes a slot, and the connection closes with 1008 when it expires. Opens, messages and closes are logged at DEBUG with the connection id, never with the payload.
 */
public final class EchoSession extends Session {

    static final String PING = "ping";
    static final String BYE = "bye";
    static final String GOODBYE = "Bye";
    private static final OutboundFrame PONG = OutboundFrame.text("pong");
    private static final ConnectionLog LOG = ConnectionLog.of(EchoSession.class);

    private final TokenAuth auth;

    public EchoSession(Transport transport, Admission admission, TokenAuth auth) {
        super(transport, admission);
        this.auth = auth;
    }

    /**
     * Checks the token in {@code headers} (looked up by name) when {@code chat.auth.enabled}, then admits the
     * connection; false if it was refused (it is closing then).
     */
    public boolean open(UnaryOperator<String> headers) {
        long expiresAt = 0;
        if (auth.enabled()) {
            TokenAuth.Outcome outcome = auth.authenticate(headers);
            if (!outcome.accepted()) {
                LOG.debugf(id(), "echo connection %s refused: %s", id(), outcome.refusal().code());
                refuse(outcome.refusal()); // the guard refused it before the upgrade unless it expired meanwhile
                return false;
            }
            expiresAt = outcome.expiresAtMillis();
        }
        boolean admitted = admit();
        LOG.debugf(id(), "echo connection %s %s", id(), admitted ? "opened" : "refused");
        if (admitted && expiresAt > 0) {
            closeAtExpiry(expiresAt);
        }
        return admitted;
    }

    @Override
    protected void text(String text) {
        if (PING.equals(text)) {
            LOG.debugf(id(), "echo connection %s: ping, answering pong", id());
            send(PONG);
        } else if (BYE.equals(text)) {
            LOG.debugf(id(), "echo connection %s: bye, closing with %d", id(), CloseCodes.NORMAL);
            end(CloseCodes.NORMAL, GOODBYE);
        } else {
            LOG.debugf(id(), "echo connection %s: text message of %d chars, echoed", id(), text.length());
            send(OutboundFrame.text(text));
        }
    }

    @Override
    protected void binary(byte[] data) {
        LOG.debugf(id(), "echo connection %s: binary message of %d bytes, echoed", id(), data.length);
        send(OutboundFrame.binary(data));
    }
}
