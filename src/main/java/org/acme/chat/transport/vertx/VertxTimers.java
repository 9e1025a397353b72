package org.acme.chat.transport.vertx;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.acme.chat.time.Timers;

/** The sessions' clock and timers: the system clocks, and Vert.x timers on the caller's context. */
@ApplicationScoped
public class VertxTimers implements Timers {

    private final Vertx vertx;

    public VertxTimers(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        long id = vertx.setTimer(Math.max(1, delayMillis), ignored -> task.run());
        return () -> vertx.cancelTimer(id);
    }
}
