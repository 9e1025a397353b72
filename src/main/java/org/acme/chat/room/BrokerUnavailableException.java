package org.acme.chat.room;

/** The broker cannot be reached (Redis is down): joins are refused until it is back; the node stays up. */
public class BrokerUnavailableException extends JoinRefusedException {

    public BrokerUnavailableException() {
        super("chat service temporarily unavailable: try again shortly");
    }
}
