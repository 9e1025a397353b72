package org.acme.chat.session;

import org.acme.chat.heartbeat.Monitored;
import org.acme.chat.limits.FloodGuard;
import org.acme.chat.logging.ConnectionLog;
import org.acme.chat.protocol.CloseCodes;
import org.acme.chat.protocol.OutboundFrame;
import org.acme.chat.protocol.Refusal;
import org.acme.chat.time.Timers;
import org.acme.chat.transport.Transport;

/**
 * One client connection, whatever it speaks: what every endpoint shares. It is admitted (or refused) on open, spends
 * its frame budget on every inbound frame, is watched by the heartbeat, and bounds what waits to be written to it
 * (the transport's pending bytes): a client that does not read is closed with 1008 (see {@link #send}). Subclasses
 * say what a text or binary frame means.
 * <p>
 * Concurrency: the {@code on*} callbacks come one at a time on the connection's thread; {@link #send} may be called
 * from any thread (a room hands frames to its members under its lock) and never blocks.
 */
public abstract class Session implements Monitored {

    static final String HEARTBEAT_TIMEOUT = "heartbeat timeout";
    static final String SHUTTING_DOWN = "server shutting down";
    private static final ConnectionLog LOG = ConnectionLog.of(Session.class);
    private static final long CAUGHT_UP = Long.MIN_VALUE;
    private static final Refusal DRAIN_TIMEOUT = Refusal.Kind.SLOW_CONSUMER.because("too slow: not reading");

    protected final Transport transport;
    protected final Admission admission;
    private final String ip;
    private final FloodGuard flood;
    private final long maxQueuedBytes;
    private final long lowWaterBytes;
    private final long drainTimeoutNanos;
    /** Since when the queue has been above the low-water mark without draining below it; {@link #CAUGHT_UP}: it is not. */
    private volatile long behindSince = CAUGHT_UP;
    private volatile boolean overflowed;
    private volatile Timers.Timer expiry;
    private volatile boolean closing;

    protected Session(Transport transport, Admission admission) {
        this.transport = transport;
        this.admission = admission;
        this.ip = transport.remoteIp();
        this.flood = admission.floodGuard();
        this.maxQueuedBytes = admission.config().sendQueue().maxBytes();
        this.lowWaterBytes = admission.config().sendQueue().lowWaterBytes();
        this.drainTimeoutNanos = admission.config().sendQueue().drainTimeout().toNanos();
        transport.onContinuationFrame(this::onContinuation);
    }

    @Override
    public String id() {
        return transport.id();
    }

    String ip() {
        return ip;
    }

    /** Takes the connection's slots; false if it was refused, and then it is closing already. */
    protected final boolean admit() {
        Refusal refusal = admission.admit(this);
        if (refusal != null) {
            refuse(refusal);
            return false;
        }
        return true;
    }

    /**
     * Refuses the connection attempt itself (admission, token or join, which raced the upgrade guard): counted as a
     * rejected upgrade as well as a refusal, then closed as {@link #close} does.
     */
    protected final void refuse(Refusal refusal) {
        if (!closing) {
            admission.metrics().rejectedUpgrade(refusal);
        }
        close(refusal);
    }

    /** A text message arrived. */
    public final void onText(String text) {
        if (accepted(text)) {
            text(text);
        }
    }

    /** A binary message arrived. */
    public final void onBinary(byte[] data) {
        if (accepted()) {
            binary(data);
        }
    }

    /** A WebSocket ping arrived (the transport has answered it); it spends the frame budget all the same. */
    public final void onPing() {
        accepted();
    }

    /**
     * A continuation frame of a message sent in several arrived: every frame spends the budget, so a message in n
     * frames costs n (the message itself is handed over, and charged, when its last frame is in).
     */
    public final void onContinuation() {
        accepted();
    }

    /** A WebSocket pong arrived: the connection is alive. Solicited or not, it spends the frame budget. */
    public final void onPong() {
        accepted();
    }

    /** The transport failed the connection for what the client sent (a frame too big, say): close it so. */
    public final void onFailure(Refusal refusal) {
        close(refusal);
    }

    /** The connection has closed, however: free everything it held. */
    public final void onClose() {
        LOG.debugf(id(), "connection %s closed", id());
        closing = true;
        cancelExpiry();
        released();
        admission.release(this);
    }

    /** What a text message means to this kind of session. */
    protected abstract void text(String text);

    /** What a binary message means to this kind of session. */
    protected abstract void binary(byte[] data);

    /**
     * A frame over the budget was dropped ({@code refusal}: {@code RATE_LIMITED}; {@code text} its text, or null):
     * tell the client if it can hear it.
     */
    protected void rateLimited(Refusal refusal, String text) {
    }

    /** Frees what the session holds beyond its admission (a room seat). Runs at least once; must be idempotent. */
    protected void released() {
    }

    /**
     * Queues a frame for the client, unless it is not reading. A frame that finds more than
     * {@code chat.send-queue.max-bytes} waiting, unwritten, is dropped and the connection closed, once, with 1008; so
     * is one that finds the queue above {@code low-water-bytes} and it has not drained below since
     * {@code drain-timeout} ago. A frame that finds the queue under the bound always goes, so one large frame (a
     * welcome with history) never trips it. The close runs on the connection's own thread: this may run under a
     * room's lock.
     */
    public final void send(OutboundFrame frame) {
        if (overflowed || closing) {
            return;
        }
        long waiting = transport.pendingBytes();
        if (waiting > lowWaterBytes) {
            long now = admission.timers().nanoTime();
            if (behindSince == CAUGHT_UP) {
                behindSince = now;
            } else if (now - behindSince > drainTimeoutNanos) {
                overflow(waiting, DRAIN_TIMEOUT);
                return;
            }
            if (waiting > maxQueuedBytes) {
                overflow(waiting, Refusal.Kind.SLOW_CONSUMER);
                return;
            }
        } else {
            behindSince = CAUGHT_UP;
        }
        transport.send(frame);
    }

    private void overflow(long waiting, Refusal refusal) {
        overflowed = true;
        LOG.infof(id(), "closing connection %s: %d bytes queued for a client that does not read (%s)", id(), waiting,
                refusal.message());
        transport.execute(() -> close(refusal));
    }

    /**
     * Counts the refusal, frees the session's seat at once (a peer may never finish the close) and closes; nothing
     * happens to a session that is closing already (it was counted, or it went away by itself).
     */
    public final void close(Refusal refusal) {
        if (closing) {
            return;
        }
        admission.metrics().error(refusal);
        end(refusal.closeCode(), refusal.message());
    }

    /** Frees the session's seat at once and closes, with a close that is no refusal (normal end, heartbeat). */
    protected final void end(int code, String reason) {
        closing = true;
        cancelExpiry();
        released();
        transport.close(code, reason);
    }

    /** Closes the connection with 1008 {@code token expired} at {@code expiresAtMillis} (a token's expiry). */
    protected final void closeAtExpiry(long expiresAtMillis) {
        long delay = Math.max(1, expiresAtMillis - admission.timers().currentTimeMillis());
        expiry = admission.timers().schedule(delay, () -> transport.execute(() -> close(Refusal.Kind.TOKEN_EXPIRED)));
    }

    private void cancelExpiry() {
        Timers.Timer timer = expiry;
        if (timer != null) {
            timer.cancel();
        }
    }

    /** Shutdown: 1001, reconnect elsewhere. The seat is freed when the close completes, as for any close. */
    final void goAway() {
        closing = true;
        transport.close(CloseCodes.GOING_AWAY, SHUTTING_DOWN);
    }

    @Override
    public final void ping() {
        transport.ping();
    }

    @Override
    public final long queuedBytes() {
        return transport.pendingBytes();
    }

    @Override
    public final void reap() {
        end(CloseCodes.HEARTBEAT_TIMEOUT, HEARTBEAT_TIMEOUT);
    }

    private boolean accepted() {
        return accepted(null);
    }

    /**
     * Spends the frame budget: true if the frame may be handled. Every frame also tells the heartbeat. {@code text} is
     * the frame's text, for the refusal's answer, or null for a frame that is not text.
     */
    private boolean accepted(String text) {
        if (closing) {
            return false;
        }
        admission.heard(this);
        switch (flood.admit(admission.timers().nanoTime())) {
            case ALLOW:
                return true;
            case REFUSE:
                Refusal refusal = Refusal.Kind.RATE_LIMITED.because("too many frames: slow down (limit "
                        + admission.config().rate().messagesPerSecond() + "/s)");
                admission.metrics().error(refusal);
                rateLimited(refusal, text);
                return false;
            default:
                close(Refusal.Kind.RATE_LIMIT_CLOSE);
                return false;
        }
    }
}
