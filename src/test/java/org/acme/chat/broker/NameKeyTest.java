package org.acme.chat.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Names that read alike share a key; names that read differently do not. */
class NameKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "alice", "Alice", "ALICE", // case
            "\u0430lice", "\u0410LICE", // Cyrillic а, А
            "\uFF41lice", "\uFF21\uFF2C\uFF29\uFF23\uFF25", // fullwidth ａ, ＡＬＩＣＥ
            "\u03B1lice", "\u0391lice", // Greek α, Α
            "\uD835\uDC1Alice", // mathematical bold 𝐚
            "\u0430\u04CF\u0456\u0441\u0435", // all Cyrillic: а ӏ і с е
    })
    void lookAlikesOfAliceShareHerKey(String name) {
        assertEquals(NameKey.of("alice"), NameKey.of(name));
    }

    @ParameterizedTest
    @CsvSource({
            "Nick, \u039Dick", // Greek capital Ν: the capital decides
            "hector, \u041D\u0435\u0441tor", // Cyrillic Н е с
            "Stra\u00DFe, STRASSE", // ß folds to ss
            "Jos\u00E9, JOS\u00C9", // accents fold with their letters
            "Jos\u00E9, Jose\u0301", // composed or not
            "\u03AC\u03BB\u03C6\u03B1, \u1F71\u039B\u03A6\u0391", // Greek with tonos/oxia, both cases
            "\u0418\u0432\u0430\u043D, \u0438\u0432\u0430\u043D", // Cyrillic, both cases
    })
    void sameReading(String one, String other) {
        assertEquals(NameKey.of(one), NameKey.of(other));
    }

    @ParameterizedTest
    @CsvSource({
            "alice, alicia",
            "Jos\u00E9, Jose", // an accent is a different name
            "\u0418\u0432\u0430\u043D, \u0418\u0432\u0430\u043D\u043D\u0430",
            "\u5F20\u4F1F, \u5F20\u4F2F",
    })
    void differentReading(String one, String other) {
        assertNotEquals(NameKey.of(one), NameKey.of(other));
    }
}
