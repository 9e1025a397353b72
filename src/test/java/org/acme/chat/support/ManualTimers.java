package org.acme.chat.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.acme.chat.time.Timers;

/**
 * A clock that moves only when a test says so, running the timers that fall due on the way, in time order. It starts
 * at the wall-clock time it was made (tokens carry real expiry times) and then moves only by {@link #advance}.
 */
public final class ManualTimers implements Timers {

    private long nanos = 1_000_000_000L;
    private long millis = System.currentTimeMillis();
    private final List<Scheduled> scheduled = new ArrayList<>();

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long currentTimeMillis() {
        return millis;
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        Scheduled timer = new Scheduled(millis + Math.max(1, delayMillis), task);
        scheduled.add(timer);
        return () -> scheduled.remove(timer);
    }

    /** Moves time on by {@code duration}, running every timer due by then at its own time. */
    public void advance(Duration duration) {
        long until = millis + duration.toMillis();
        Scheduled next;
        while ((next = nextDue(until)) != null) {
            scheduled.remove(next);
            moveTo(next.dueAt);
            next.task.run();
        }
        moveTo(until);
    }

    /** Timers not run or cancelled yet. */
    public int pending() {
        return scheduled.size();
    }

    private Scheduled nextDue(long until) {
        return scheduled.stream().filter(s -> s.dueAt <= until).min(Comparator.comparingLong(s -> s.dueAt))
                .orElse(null);
    }

    private void moveTo(long atMillis) {
        nanos += (atMillis - millis) * 1_000_000L;
        millis = atMillis;
    }

    /** One timer; identity, not value, tells two apart. */
    private static final class Scheduled {
        private final long dueAt;
        private final Runnable task;

        Scheduled(long dueAt, Runnable task) {
            this.dueAt = dueAt;
            this.task = task;
        }
    }
}
