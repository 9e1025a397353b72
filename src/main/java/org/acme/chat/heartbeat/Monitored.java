package org.acme.chat.heartbeat;

/**
 * A connection as the heartbeat sees it: something to ping, to reap when it stops answering, and whose send queue the
 * heartbeat's tick samples ({@code chat_send_queue_bytes}).
 */
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

    /** Bytes queued for the client and not yet written; read from the heartbeat's thread, so it must be thread-safe. */
    long queuedBytes();
}
