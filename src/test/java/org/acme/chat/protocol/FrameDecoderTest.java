package org.acme.chat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decoding is pure logic: plain JUnit, one case per error code. */
class FrameDecoderTest {

    private final FrameDecoder decoder = new FrameDecoder(10, 8);

    @Test
    void decodesMessageWithAndWithoutRef() throws Exception {
        assertEquals(new ClientFrame.Send("hi <b>", "r-1"),
                decoder.decode("{\"type\":\"message\",\"text\":\"hi <b>\",\"ref\":\"r-1\"}"));
        assertEquals(new ClientFrame.Send("hi", null), decoder.decode("{\"type\":\"message\",\"text\":\"hi\"}"));
    }

    @Test
    void decodesPing() throws Exception {
        assertInstanceOf(ClientFrame.Ping.class, decoder.decode("{\"type\":\"ping\"}"));
    }

    @Test
    void countsLengthInCodePoints() throws Exception {
        String tenEmoji = "😀".repeat(10);
        assertEquals(tenEmoji, ((ClientFrame.Send) decoder.decode(message(tenEmoji))).text());
    }

    @ParameterizedTest(name = "{1} for {0}")
    @CsvSource(delimiter = '|', value = {
            "{not json                                   | INVALID_JSON",
            "''                                          | INVALID_JSON",
            "{\"type\":\"message\",\"text\":\"a\"} trailing | INVALID_JSON",
            "[1,2]                                       | INVALID_MESSAGE",
            "\"message\"                                 | INVALID_MESSAGE",
            "{\"text\":\"no type\"}                      | INVALID_MESSAGE",
            "{\"type\":7}                                | INVALID_MESSAGE",
            "{\"type\":\"message\",\"text\":42}          | INVALID_MESSAGE",
            "{\"type\":\"message\",\"text\":\"a\",\"ref\":1} | INVALID_MESSAGE",
            "{\"type\":\"welcome\"}                      | UNKNOWN_TYPE",
            "{\"type\":\"MESSAGE\",\"text\":\"a\"}       | UNKNOWN_TYPE",
            "{\"type\":\"message\"}                      | EMPTY_TEXT",
            "{\"type\":\"message\",\"text\":null}        | EMPTY_TEXT",
            "{\"type\":\"message\",\"text\":\" \\n \"}   | EMPTY_TEXT",
            "{\"type\":\"message\",\"text\":\"12345678901\"} | TEXT_TOO_LONG",
            "{\"type\":\"message\",\"text\":\"a\",\"ref\":\"123456789\"} | REF_TOO_LONG",
            "{\"type\":\"message\",\"text\":\"a\\u0000b\"} | INVALID_TEXT",
            "{\"type\":\"message\",\"text\":\"bell\\u0007\"} | INVALID_TEXT",
            "{\"type\":\"message\",\"text\":\"del\\u007f\"} | INVALID_TEXT",
            "{\"type\":\"message\",\"text\":\"c1\\u0085\"} | INVALID_TEXT",
            "{\"type\":\"message\",\"text\":\"hi\\ud800\"} | INVALID_TEXT",
            "{\"type\":\"message\",\"text\":\"\\udc00hi\"} | INVALID_TEXT",
            "{\"type\":\"message\",\"text\":\"\\ud800\\ud800\"} | INVALID_TEXT",
            "{\"type\":\"message\",\"text\":\"a\",\"x\":[[[[[[[[[1]]]]]]]]]} | INVALID_JSON",
            "{\"type\":\"message\",\"text\":\"a\",\"x\":123456789012345678901234567890123} | INVALID_JSON",
    })
    void refusesBadFramesWithTheirCode(String frame, Refusal.Kind expected) {
        RefusedException e = assertThrows(RefusedException.class, () -> decoder.decode(frame));
        assertEquals(expected, e.refusal().kind());
        assertFalse(e.refusal().closes(), "a bad frame never costs the connection");
    }

    @Test
    void keepsTabsNewlinesAndSurrogatePairs() throws Exception {
        String text = "a\tb\r\nc 😀";
        assertEquals(text, ((ClientFrame.Send) decoder.decode(
                "{\"type\":\"message\",\"text\":\"a\\tb\\r\\nc \\ud83d\\ude00\"}")).text());
    }

    @Test
    void dropsBidiControlsAndZeroWidthCharactersAndWhatIsLeftMustNotBeBlank() throws Exception {
        assertEquals("a.txt.exe", ((ClientFrame.Send) decoder.decode(
                "{\"type\":\"message\",\"text\":\"a.\\u202etxt.exe\"}")).text());
        RefusedException e = assertThrows(RefusedException.class,
                () -> decoder.decode("{\"type\":\"message\",\"text\":\"\u200b \u2066\"}"));
        assertEquals(Refusal.Kind.EMPTY_TEXT, e.refusal().kind());
    }

    @Test
    void ignoresUnknownFieldsWithinTheLimits() throws Exception {
        assertEquals(new ClientFrame.Send("a", null), decoder.decode(
                "{\"type\":\"message\",\"text\":\"a\",\"future\":{\"list\":[1,2,{\"x\":true}]}}"));
    }

    private static String message(String text) {
        return "{\"type\":\"message\",\"text\":\"" + text + "\"}";
    }
}
