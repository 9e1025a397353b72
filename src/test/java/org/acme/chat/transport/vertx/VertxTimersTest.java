package org.acme.chat.transport.vertx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.acme.chat.time.Timers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The production timers behind token expiry, on a real Vert.x: a timer runs once, a cancelled one never does. */
class VertxTimersTest {

    private final Vertx vertx = Vertx.vertx();
    private final VertxTimers timers = new VertxTimers(vertx);

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aScheduledTaskRunsAndACancelledOneDoesNot() throws InterruptedException {
        AtomicBoolean cancelledRan = new AtomicBoolean();
        Timers.Timer cancelled = timers.schedule(20, () -> cancelledRan.set(true));
        cancelled.cancel();
        CountDownLatch ran = new CountDownLatch(1);
        timers.schedule(50, ran::countDown);

        assertTrue(ran.await(10, TimeUnit.SECONDS), "the timer ran");
        assertFalse(cancelledRan.get(), "the cancelled timer, due 30 ms before the other, did not");
    }
}
