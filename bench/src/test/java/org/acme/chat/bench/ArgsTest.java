package org.acme.chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Flag parsing: both spellings, defaults, durations, and misspelt flags refused. */
class ArgsTest {

    @Test
    void readsBothSpellingsAndDefaults() {
        Args args = new Args(new String[] {"--rooms", "100", "--rate=5_000", "--duration", "500ms"});
        assertEquals(100, args.integer("rooms", 1));
        assertEquals(5000.0, args.decimal("rate", 1));
        assertEquals(Duration.ofMillis(500), args.duration("duration", Duration.ZERO));
        assertEquals(10, args.integer("members", 10));
        args.rejectUnused();
    }

    @Test
    void durationsTakeUnitsOrSeconds() {
        assertEquals(Duration.ofSeconds(10), Args.parseDuration("d", "10s"));
        assertEquals(Duration.ofMillis(1500), Args.parseDuration("d", "1.5"));
        assertEquals(Duration.ofMinutes(2), Args.parseDuration("d", "2m"));
    }

    @Test
    void refusesUnknownRepeatedAndMissing() {
        Args args = new Args(new String[] {"--romos", "3"});
        args.integer("rooms", 1);
        assertThrows(IllegalArgumentException.class, args::rejectUnused);
        assertThrows(IllegalArgumentException.class, () -> new Args(new String[] {"--a", "1", "--a", "2"}));
        assertThrows(IllegalArgumentException.class, () -> new Args(new String[] {"--a"}));
        assertThrows(IllegalArgumentException.class, () -> new Args(new String[] {"--n", "x"}).integer("n", 0));
    }
}
