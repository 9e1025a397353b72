package org.acme.chat.auth;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rooms a token's {@code rooms} claim opens: exact names, or glob patterns where {@code *} stands for any run of
 * characters and {@code ?} for one ({@code team-*}). Room names are matched case-sensitively, as they are compared.
 */
public final class RoomGrant {

    private final List<Pattern> patterns;

    private RoomGrant(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    public static RoomGrant of(Collection<String> claim) {
        return new RoomGrant(claim.stream().map(RoomGrant::compile).toList());
    }

    public boolean allows(String room) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(room).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 8);
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
