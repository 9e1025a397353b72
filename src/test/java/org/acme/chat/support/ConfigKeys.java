package org.acme.chat.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The property names a {@link ConfigMapping} interface reads, worked out the way SmallRye Config names them (method
 * names in kebab-case, nested interfaces as groups, {@link WithName} as given), with the environment variable that
 * sets each one ({@code chat.shutdown.drain-timeout} is {@code CHAT_SHUTDOWN_DRAIN_TIMEOUT}).
 */
public final class ConfigKeys {

    private ConfigKeys() {
    }

    /** Environment variable name to property name, for every property of {@code mapping}. */
    public static Map<String, String> byEnvironmentVariable(Class<?> mapping) {
        Map<String, String> keys = new TreeMap<>();
        collect(mapping, mapping.getAnnotation(ConfigMapping.class).prefix(), keys);
        return keys;
    }

    /** The environment variable that sets {@code property}, as SmallRye Config's environment source matches it. */
    public static String environmentVariable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static void collect(Class<?> group, String prefix, Map<String, String> keys) {
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() != 0 || method.isDefault()) {
                continue;
            }
            WithName name = method.getAnnotation(WithName.class);
            String property = prefix + "." + (name != null ? name.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && !type.getName().startsWith("java.")) {
                collect(type, property, keys);
            } else {
                keys.put(environmentVariable(property), property);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
