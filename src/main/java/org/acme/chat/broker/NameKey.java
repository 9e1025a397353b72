package org.acme.chat.broker;

import java.util.Locale;

/** Names are unique per room ignoring case: this is the form they are compared in. */
public final class NameKey {

    private NameKey() {
    }

    public static String of(String memberName) {
        return memberName.toLowerCase(Locale.ROOT);
    }
}
