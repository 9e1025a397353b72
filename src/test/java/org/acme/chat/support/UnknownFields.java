package org.acme.chat.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the fields of a Kubernetes object that its schema does not have. fabric8's model classes keep every property
 * they do not know (a typo such as {@code readinesProbe}, a field at the wrong level) in their
 * {@code additionalProperties} instead of failing; this walks the whole object tree and lists them by path.
 */
public final class UnknownFields {

    private UnknownFields() {
    }

    /** Every unknown field under {@code object}, as {@code path.to.field}; empty when the object is clean. */
    public static List<String> of(Object object) {
        List<String> unknown = new ArrayList<>();
        walk(object, "", unknown);
        return unknown;
    }

    private static void walk(Object node, String path, List<String> unknown) {
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", unknown);
            }
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "[" + key + "]", unknown));
        } else if (node != null && node.getClass().getName().startsWith("io.fabric8.")) {
            for (Class<?> type = node.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    Object value = read(field, node);
                    if (field.getName().equals("additionalProperties")) {
                        ((Map<?, ?>) value).keySet().forEach(key -> unknown.add(path + "." + key));
                    } else {
                        walk(value, path + "." + field.getName(), unknown);
                    }
                }
            }
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }
}
