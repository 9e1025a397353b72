package org.acme.chat.transport.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The streaming UTF-8 check behind close 1007. */
class Utf8CheckerTest {

    @Test
    void acceptsEveryKindOfValidText() {
        FrameValidation.Utf8Checker checker = new FrameValidation.Utf8Checker();
        assertTrue(checker.feed(Unpooled.wrappedBuffer("ascii, é, 中文, 😀 \u0000".getBytes(StandardCharsets.UTF_8))));
        assertTrue(checker.complete());
    }

    @Test
    void followsACodePointSplitAcrossFragments() {
        byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8);
        FrameValidation.Utf8Checker checker = new FrameValidation.Utf8Checker();
        assertTrue(checker.feed(Unpooled.wrappedBuffer(emoji, 0, 2)));
        assertFalse(checker.complete(), "a message may not end in the middle of a code point");
        assertTrue(checker.feed(Unpooled.wrappedBuffer(emoji, 2, 2)));
        assertTrue(checker.complete());
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource({
            "c328, bad continuation byte",
            "ff, byte never used in UTF-8",
            "80, stray continuation byte",
            "c080, overlong encoding of NUL",
            "e08080, overlong three-byte encoding",
            "eda080, UTF-16 surrogate",
            "f4908080, above U+10FFFF",
    })
    void refusesInvalidBytes(String hex, String why) {
        FrameValidation.Utf8Checker checker = new FrameValidation.Utf8Checker();
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        assertEquals(false, checker.feed(Unpooled.wrappedBuffer(bytes)) && checker.complete(), why);
    }
}
