package org.acme.chat.protocol.v2;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which strings are one emoji (a reaction): pure logic, plain JUnit. */
class EmojiTest {

    @ParameterizedTest(name = "accepts {0}")
    @ValueSource(strings = {
            "👍", // a plain emoji code point
            "😀", "🦀", "🫠", "🪿", // newer emoji (Unicode 14, 15)
            "❤️", "❤", "☺️", "✅", "⭐", "⌛", "↔️", // BMP emoji, with and without U+FE0F
            "©", "®", "‼", "⁉", "™", "ℹ️", "〰", "㊙", // the emoji among letterlike and CJK symbols
            "👍🏽", "👋🏿", "✌🏻", "🏋🏽\uFE0F", "🏋\uFE0F🏽", // skin tones, with a variation selector either way
            "👩‍💻", "🏳️‍🌈", "🏴‍☠️", "❤️‍🔥", "🐻‍❄️", "👁️‍🗨️", // ZWJ sequences
            "👨‍👩‍👧‍👦", "🏋🏽‍♂️", "🧑🏻‍❤️‍💋‍🧑🏼", "🧑🏽‍🤝‍🧑🏻", // families, tones inside ZWJ sequences
            "🇫🇷", "🇺🇳", "🇪🇺", "🇿🇿", // flags: any two regional indicators
            "1️⃣", "0️⃣", "#️⃣", "*️⃣", "9⃣", // keycaps, with and without U+FE0F
            "🏴󠁧󠁢󠁥󠁮󠁧󠁿", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "🏴󠁧󠁢󠁷󠁬󠁳󠁿", // subdivision flags (tag sequences)
    })
    void acceptsOneEmoji(String emoji) {
        assertTrue(Emoji.isOne(emoji), () -> codePoints(emoji));
    }

    @ParameterizedTest(name = "refuses [{0}]")
    @ValueSource(strings = {
            "", "a", "1", "#", "ab", "hi 👍", " ", "\u00A0", "é", "→", "☆", // text, no emoji
            "👍👍", "👍a", "a👍", " 👍", "👍 ", "👍\n", "😀😀😀", // more than one thing
            "🇫", "🇫🇷🇫", "🇫🇷🇩🇪", "🇫\uFE0F", // a lone regional indicator, three, two flags
            "\u200D", "👍\u200D", "\u200D👍", "👩\u200D\u200D💻", "text\u200D", "a\u200Db", "👩\u200Da", // joiners
            "\uFE0F", "👍\uFE0F\uFE0F", "🏽", "👍🏽🏽", "🏽👍", // a selector or a modifier alone, or twice
            "1\uFE0F", "1\u20E3\u20E3", "12\u20E3", "a\u20E3", "\u20E3", // broken keycaps
            "\uD83D", "\uDC4D", "\uDC4D\uD83D", "👍\uD83D", "\uD83Da", // lone surrogates
            "🏴\uDB40\uDC67\uDB40\uDC7F", // a tag sequence with too short an id
            "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67", // no cancel tag
            "👍\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F", // tags on another base
            "🏴\uDB40\uDC47\uDB40\uDC42\uDB40\uDC45\uDB40\uDC7F", // upper-case tags: not a subdivision id
            "\u200B", "\u202E👍", "👍\u2066", // invisible and bidirectional controls
    })
    void refusesAnythingElse(String notOne) {
        assertFalse(Emoji.isOne(notOne), () -> codePoints(notOne));
    }

    @Test
    void refusesNull() {
        assertFalse(Emoji.isOne(null));
    }

    @Test
    void acceptsAtMostThirtyTwoUtf16Units() {
        String woman = "👩"; // 2 units; joined with U+200D, n women are 3n - 1 units
        String eleven = String.join("\u200D", Collections.nCopies(11, woman));
        assertTrue(Emoji.isOne(eleven), "32 units is the limit: " + eleven.length());
        assertFalse(Emoji.isOne(eleven + "\uFE0F"), "33 units");
        assertFalse(Emoji.isOne(eleven + "\u200D" + woman), "35 units");
    }

    @Test
    void knowsTheBoundsOfThePictographTable() {
        assertTrue(Emoji.isPictographic(0x00A9));
        assertFalse(Emoji.isPictographic(0x00AA));
        assertTrue(Emoji.isPictographic(0x2600));
        assertFalse(Emoji.isPictographic(0x2606));
        assertTrue(Emoji.isPictographic(0x1F3FA));
        assertFalse(Emoji.isPictographic(0x1F3FB), "a skin-tone modifier is not an emoji on its own");
        assertFalse(Emoji.isPictographic(0x1F1E6), "nor is a regional indicator");
        assertTrue(Emoji.isPictographic(0x1FAFF));
        assertFalse(Emoji.isPictographic(0x1FB00));
        assertTrue(Emoji.isPictographic(0x1FFFD));
        assertFalse(Emoji.isPictographic(0x1FFFE));
        assertFalse(Emoji.isPictographic(0x10FFFF));
        assertFalse(Emoji.isPictographic('#'));
    }

    private static String codePoints(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> out.append(String.format("U+%04X ", cp)));
        return out.toString().strip();
    }
}
