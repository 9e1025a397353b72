package org.acme.chat.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Command-line flags of one scenario: {@code --name value} or {@code --name=value}, each given at most once.
 * Every getter takes the default that applies when the flag is absent; {@link #rejectUnused()} turns a misspelt
 * flag into an error instead of a silently ignored one.
 */
final class Args {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> used = new TreeSet<>();

    Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("expected --flag, got '" + arg + "'");
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                name = arg.substring(2);
                value = args[++i];
            } else {
                throw new IllegalArgumentException("flag " + arg + " needs a value");
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("flag --" + name + " given twice");
            }
        }
    }

    String string(String name, String defaultValue) {
        used.add(name);
        return values.getOrDefault(name, defaultValue);
    }

    int integer(String name, int defaultValue) {
        String value = string(name, null);
        try {
            return value == null ? defaultValue : Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + value + "'");
        }
    }

    double decimal(String name, double defaultValue) {
        String value = string(name, null);
        try {
            return value == null ? defaultValue : Double.parseDouble(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'");
        }
    }

    /** A duration such as {@code 10s}, {@code 500ms}, {@code 2m}, or a plain number of seconds. */
    Duration duration(String name, Duration defaultValue) {
        String value = string(name, null);
        return value == null ? defaultValue : parseDuration(name, value);
    }

    /** Throws if a flag was given that no getter asked for. */
    void rejectUnused() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown flag(s): --" + String.join(", --", unknown));
        }
    }

    static Duration parseDuration(String name, String value) {
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            String seconds = value.endsWith("s") ? value.substring(0, value.length() - 1) : value;
            return Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--" + name + " must be a duration like 10s or 500ms, got '" + value + "'");
        }
    }
}
