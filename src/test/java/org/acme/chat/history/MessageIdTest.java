package org.acme.chat.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageIdTest {

    @Test
    void idsIncreaseWithinAMillisecondAndWhenTheClockStepsBack() {
        MessageId first = MessageId.ZERO.next(100);
        MessageId same = first.next(100);
        MessageId backwards = same.next(50);
        MessageId later = backwards.next(101);

        assertEquals("100-0", first.toString());
        assertEquals("100-1", same.toString());
        assertEquals("100-2", backwards.toString());
        assertEquals("101-0", later.toString());
        assertTrue(first.compareTo(same) < 0 && same.compareTo(backwards) < 0 && backwards.compareTo(later) < 0);
    }

    @Test
    void comparesNumericallyNotAsText() {
        assertTrue(MessageId.parse("9-0").compareTo(MessageId.parse("10-0")) < 0);
        assertTrue(MessageId.parse("10-9").compareTo(MessageId.parse("10-10")) < 0);
        assertEquals(MessageId.parse("17-3"), new MessageId(17, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "1", "-1", "1-", "a-1", "1-b", "1--2", "-1-2" })
    void rejectsMalformedIds(String text) {
        assertThrows(IllegalArgumentException.class, () -> MessageId.parse(text));
    }
}
