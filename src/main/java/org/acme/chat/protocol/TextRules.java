package org.acme.chat.protocol;

/**
 * What chat text and names may contain: any Unicode text a person can type, no invisible control codes, no broken
 * pairs, and nothing that hides or reorders text: the bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E,
 * U+2066-U+2069, with which {@code txt.exe} can be made to read {@code exe.txt}) and the zero-width characters (U+200B,
 * U+200C, U+200D, U+2060, U+FEFF). Names refuse those; texts lose them, except a zero-width joiner between two emoji,
 * which joins them into one (👩 U+200D 💻 is one emoji).
 */
public final class TextRules {

    private static final char ZWJ = '\u200D';
    private static final char EMOJI_PRESENTATION = '\uFE0F';

    private TextRules() {
    }

    /**
     * True unless {@code text} holds a C0 control (other than tab, line feed and carriage return), DEL, a C1 control,
     * or a surrogate that is not half of a valid pair. One pass, no allocation.
     */
    static boolean isPrintable(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return false;
                }
            } else if (c >= 0x7f && c <= 0x9f) {
                return false;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 == n || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code c} is a bidirectional control or a zero-width character (all of them are in the BMP). */
    public static boolean isHidden(char c) {
        return c == '\u061C' || (c >= '\u200B' && c <= '\u200F') || (c >= '\u202A' && c <= '\u202E')
                || c == '\u2060' || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF';
    }

    /** Whether {@code text} holds any {@link #isHidden} character. */
    public static boolean hasHidden(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (isHidden(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code text} without its bidirectional controls and zero-width characters, but for a zero-width joiner between
     * two emoji; {@code text} itself when it has none (the usual case: one pass, no allocation).
     */
    static String withoutHidden(String text) {
        if (!hasHidden(text)) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (!isHidden(c) || (c == ZWJ && joinsEmoji(kept, text, i + 1))) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** Whether a joiner between what was kept so far and {@code text} from {@code next} joins two emoji. */
    private static boolean joinsEmoji(CharSequence before, String text, int next) {
        if (before.length() == 0 || next >= text.length()) {
            return false;
        }
        int previous = Character.codePointBefore(before, before.length());
        return (previous == EMOJI_PRESENTATION || isEmoji(previous)) && isEmoji(text.codePointAt(next));
    }

    /** The pictographs that emoji ZWJ sequences join (a block-level approximation: Java 17 has no emoji property). */
    private static boolean isEmoji(int cp) {
        return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || cp == 0x2B50 || cp == 0x2B55;
    }
}
