package org.acme.chat.heartbeat;

/** A connection as the heartbeat sees it: something to ping, and to reap when it stops answering. */
public interface Monitored {

    /** The connection id, for logs. */
    String id();

    /** Sends a protocol-level ping frame; never blocks. */
    void ping();

    /**
     * Closes a connection that did not answer a ping in time, freeing everything it holds (room seat, name) at once
     * rather than after the close handshake, which a dead peer never completes.
     */
    void reap();
}
