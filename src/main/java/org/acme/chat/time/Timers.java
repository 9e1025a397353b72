package org.acme.chat.time;

/**
 * The clock and timers sessions and rooms run on: the real ones in production ({@code transport.vertx.VertxTimers}), a
 * hand-driven one in tests, so that rate limits, the heartbeat and token expiry are tested without waiting.
 */
public interface Timers {

    /** A monotonic reading in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Wall-clock epoch milliseconds, as {@link System#currentTimeMillis()}. */
    long currentTimeMillis();

    /** Runs {@code task} once, {@code delayMillis} (at least 1) from now, on any thread; never blocks. */
    Timer schedule(long delayMillis, Runnable task);

    /** A scheduled task. */
    interface Timer {

        /** Cancels the task if it has not run yet. */
        void cancel();
    }
}
