package org.acme.chat.protocol.v2;

import java.util.Arrays;

/**
 * What a reaction may be: one emoji, as a person picks it from an emoji keyboard. That is one of
 * <ul>
 * <li>an element: an emoji code point (Unicode's Extended_Pictographic property, reserved code points included so
 * that newer emoji pass), then at most one skin-tone modifier (U+1F3FB–U+1F3FF) and at most one emoji variation
 * selector (U+FE0F), in either order: 👍 ❤️ 👍🏽 ©;</li>
 * <li>several elements joined by U+200D (zero-width joiner): 👩‍💻 🏳️‍🌈 👨‍👩‍👧‍👦;</li>
 * <li>a flag: two regional indicators (🇫🇷; any pair, not only assigned countries);</li>
 * <li>a keycap: {@code 0-9 # *}, an optional U+FE0F, then U+20E3 (1️⃣);</li>
 * <li>a subdivision flag: 🏴, 3 to 7 tag letters or digits (a subdivision id such as {@code gbsct}), the cancel
 * tag: 🏴󠁧󠁢󠁳󠁣󠁴󠁿.</li>
 * </ul>
 * and at most {@value #MAX_LENGTH} UTF-16 units. Java 17 has no emoji properties, so the Extended_Pictographic
 * table (Unicode 16) is held here. Pure and thread-safe.
 */
public final class Emoji {

    /** The longest emoji accepted, in UTF-16 units (👨‍👩‍👧‍👦 is 11, 🧑🏻‍❤️‍💋‍🧑🏼 is 15). */
    public static final int MAX_LENGTH = 32;

    private static final int ZWJ = 0x200D;
    private static final int VS16 = 0xFE0F;
    private static final int KEYCAP = 0x20E3;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int CANCEL_TAG = 0xE007F;
    /** A subdivision id: a two-letter (or three-digit) region, then 1 to 4 letters or digits. */
    private static final int MIN_TAGS = 3;
    private static final int MAX_TAGS = 7;

    /** Extended_Pictographic, as sorted inclusive ranges: first, last, first, last… */
    private static final int[] PICTOGRAPHIC = {
        0x00A9, 0x00A9, 0x00AE, 0x00AE, 0x203C, 0x203C, 0x2049, 0x2049, 0x2122, 0x2122, 0x2139, 0x2139,
        0x2194, 0x2199, 0x21A9, 0x21AA, 0x231A, 0x231B, 0x2328, 0x2328, 0x2388, 0x2388, 0x23CF, 0x23CF,
        0x23E9, 0x23F3, 0x23F8, 0x23FA, 0x24C2, 0x24C2, 0x25AA, 0x25AB, 0x25B6, 0x25B6, 0x25C0, 0x25C0,
        0x25FB, 0x25FE, 0x2600, 0x2605, 0x2607, 0x2612, 0x2614, 0x2685, 0x2690, 0x2705, 0x2708, 0x2712,
        0x2714, 0x2714, 0x2716, 0x2716, 0x271D, 0x271D, 0x2721, 0x2721, 0x2728, 0x2728, 0x2733, 0x2734,
        0x2744, 0x2744, 0x2747, 0x2747, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757,
        0x2763, 0x2767, 0x2795, 0x2797, 0x27A1, 0x27A1, 0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2934, 0x2935,
        0x2B05, 0x2B07, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55, 0x3030, 0x3030, 0x303D, 0x303D,
        0x3297, 0x3297, 0x3299, 0x3299,
        0x1F000, 0x1F0FF, 0x1F10D, 0x1F10F, 0x1F12F, 0x1F12F, 0x1F16C, 0x1F171, 0x1F17E, 0x1F17F,
        0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F1AD, 0x1F1E5, 0x1F201, 0x1F20F, 0x1F21A, 0x1F21A,
        0x1F22F, 0x1F22F, 0x1F232, 0x1F23A, 0x1F23C, 0x1F23F, 0x1F249, 0x1F3FA, 0x1F400, 0x1F53D,
        0x1F546, 0x1F64F, 0x1F680, 0x1F6FF, 0x1F774, 0x1F77F, 0x1F7D5, 0x1F7FF, 0x1F80C, 0x1F80F,
        0x1F848, 0x1F84F, 0x1F85A, 0x1F85F, 0x1F888, 0x1F88F, 0x1F8AE, 0x1F8FF, 0x1F90C, 0x1F93A,
        0x1F93C, 0x1F945, 0x1F947, 0x1FAFF, 0x1FC00, 0x1FFFD,
    };

    private Emoji() {
    }

    /** Whether {@code s} is exactly one emoji (see the class comment); false for null. */
    public static boolean isOne(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) {
            return false;
        }
        int first = s.codePointAt(0);
        if (isRegionalIndicator(first)) {
            return s.length() == 4 && isRegionalIndicator(s.codePointAt(2));
        }
        if (first < 0x80) {
            return isKeycap(s);
        }
        int end = element(s, 0);
        if (end < 0) {
            return false;
        }
        if (end < s.length() && isTag(s.codePointAt(end))) {
            return first == BLACK_FLAG && end == 2 && isTagSequence(s, end);
        }
        while (end < s.length()) {
            if (s.charAt(end) != ZWJ) {
                return false;
            }
            end = element(s, end + 1);
            if (end < 0) {
                return false;
            }
        }
        return true;
    }

    /** Where the element starting at {@code i} ends, or -1 when none starts there. */
    private static int element(String s, int i) {
        if (i >= s.length() || !isPictographic(s.codePointAt(i))) {
            return -1;
        }
        i += Character.charCount(s.codePointAt(i));
        boolean modifier = false;
        boolean selector = false;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!modifier && isModifier(cp)) {
                modifier = true;
            } else if (!selector && cp == VS16) {
                selector = true;
            } else {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    private static boolean isKeycap(String s) {
        char key = s.charAt(0);
        if (!(key >= '0' && key <= '9') && key != '#' && key != '*') {
            return false;
        }
        return s.length() == 2 ? s.charAt(1) == KEYCAP
                : s.length() == 3 && s.charAt(1) == VS16 && s.charAt(2) == KEYCAP;
    }

    /** 🏴 (ending at {@code i}) followed by tag letters or digits and the cancel tag, as subdivision flags are. */
    private static boolean isTagSequence(String s, int i) {
        int tags = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == CANCEL_TAG) {
                return tags >= MIN_TAGS && i == s.length();
            }
            if (!(cp >= 0xE0030 && cp <= 0xE0039) && !(cp >= 0xE0061 && cp <= 0xE007A) || ++tags > MAX_TAGS) {
                return false;
            }
        }
        return false;
    }

    private static boolean isTag(int cp) {
        return cp >= 0xE0020 && cp <= CANCEL_TAG;
    }

    static boolean isPictographic(int cp) {
        int at = Arrays.binarySearch(PICTOGRAPHIC, cp);
        // Found: cp is a range bound. Not found: inside a range iff its insertion point falls after a range's start.
        return at >= 0 || (-at - 1) % 2 == 1;
    }

    private static boolean isModifier(int cp) {
        return cp >= 0x1F3FB && cp <= 0x1F3FF;
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }
}
