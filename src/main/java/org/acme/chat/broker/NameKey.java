package org.acme.chat.broker;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The form member names are compared in, for uniqueness per room: names that read alike get one key, while each member
 * keeps the name as typed. The key is the name in compatibility decomposition (NFKD: fullwidth {@code ａ} and
 * mathematical {@code 𝐚} become {@code a}, {@code é} becomes {@code e} and its accent), case-folded (upper- then
 * lower-cased: {@code ß} is {@code ss}), with the Cyrillic and Greek letters that look like Latin ones replaced by them
 * ({@code а}, {@code α} and {@code a} alike). That last step is a compact built-in table of the common look-alikes, not
 * the full Unicode confusables skeleton (UTS #39, which would need ICU): it does not join Latin with Latin
 * ({@code I}/{@code l}, {@code rn}/{@code m}) nor digits with letters. Where a small and a capital letter resemble
 * different Latin letters (Greek {@code ν}/{@code Ν}), the capital, whose glyph is identical, decides ({@code n}).
 * Every broker uses this key, so the rule holds across nodes.
 */
public final class NameKey {

    /**
     * Cyrillic and Greek small letters (names are case-folded first), each followed by the Latin letter it passes for:
     * Cyrillic а в е к м н о р с т у х ѕ і ј ԁ ԛ ԝ һ ӏ ү ѡ, Greek α β ε ζ η ι κ μ ν ο ρ τ υ χ ϲ ϳ.
     */
    private static final String LOOK_ALIKES = ""
            + "\u0430a\u0432b\u0435e\u043Ak\u043Cm\u043Dh\u043Eo\u0440p\u0441c\u0442t\u0443y\u0445x"
            + "\u0455s\u0456i\u0458j\u0501d\u051Bq\u051Dw\u04BBh\u04CFl\u04AFy\u0461w"
            + "\u03B1a\u03B2b\u03B5e\u03B6z\u03B7h\u03B9i\u03BAk\u03BCm"
            + "\u03BDn\u03BFo\u03C1p\u03C4t\u03C5y\u03C7x\u03F2c\u03F3j";

    private NameKey() {
    }

    public static String of(String memberName) {
        if (isAscii(memberName)) {
            return memberName.toLowerCase(Locale.ROOT); // NFKD and the table change nothing here: the common case
        }
        String folded = Normalizer.normalize(memberName, Normalizer.Form.NFKD)
                .toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(folded.length());
        for (int i = 0, n = folded.length(); i < n; i++) {
            key.append(latin(folded.charAt(i)));
        }
        return key.toString();
    }

    private static boolean isAscii(String name) {
        for (int i = 0, n = name.length(); i < n; i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static char latin(char c) {
        if (c < 0x370) {
            return c; // Latin, digits, punctuation, combining accents: below the Greek block
        }
        for (int i = 0; i < LOOK_ALIKES.length(); i += 2) {
            if (LOOK_ALIKES.charAt(i) == c) {
                return LOOK_ALIKES.charAt(i + 1);
            }
        }
        return c;
    }
}
