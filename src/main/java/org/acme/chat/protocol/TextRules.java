package org.acme.chat.protocol;

/** What chat text may contain: any Unicode text a person can type, no invisible control codes, no broken pairs. */
final class TextRules {

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
}
