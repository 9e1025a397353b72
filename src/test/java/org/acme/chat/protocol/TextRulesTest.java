package org.acme.chat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Texts lose the characters that hide or reorder text, and keep everything else. */
class TextRulesTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "see exe.\u202Etxt.exe | see exe.txt.exe | right-to-left override",
            "\u202Aa\u202Bb\u202Cc\u202Dd | abcd | embeddings and overrides",
            "\u2066a\u2067b\u2068c\u2069 | abc | isolates",
            "\u200Ea\u200Fb\u061Cc | abc | marks",
            "pay\u200Bpal\u200C.com\u2060\uFEFF | paypal.com | zero-width characters",
            "a\u200Db | ab | a joiner between letters",
            "\uD83D\uDC69\u200D\uD83D\uDCBB | \uD83D\uDC69\u200D\uD83D\uDCBB | woman technologist keeps her joiner",
            "\u2764\uFE0F\u200D\uD83D\uDD25 | \u2764\uFE0F\u200D\uD83D\uDD25 | heart on fire keeps its joiner",
            "\uD83D\uDC69\u200D | \uD83D\uDC69 | a joiner at the end",
            "\u200D\uD83D\uDC69 | \uD83D\uDC69 | a joiner at the start",
            "\uD83D\uDC69\u200B\u200D\uD83D\uDCBB | \uD83D\uDC69\u200D\uD83D\uDCBB | what is removed does not break a sequence",
    })
    void removesBidiControlsAndZeroWidthCharacters(String text, String expected, String what) {
        assertEquals(expected, TextRules.withoutHidden(text));
    }

    @Test
    void plainTextIsReturnedAsItIs() {
        String text = "héllo שלום مرحبا 😀\tnew\nline";
        assertSame(text, TextRules.withoutHidden(text));
    }
}
