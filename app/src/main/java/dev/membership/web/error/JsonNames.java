package dev.membership.web.error;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;

/**
 * Turns a bean-validation property path ({@code imsGroups[0]}) into the names the client sent
 * ({@code ims_groups[0]}), following {@link JsonProperty} on request records.
 */
final class JsonNames {

    private JsonNames() {
    }

    static String of(Class<?> root, String propertyPath) {
        if (root == null || propertyPath == null || propertyPath.isEmpty()) {
            return propertyPath;
        }
        StringBuilder result = new StringBuilder();
        Type current = root;
        for (String segment : propertyPath.split("\\.")) {
            int bracket = segment.indexOf('[');
            String name = bracket < 0 ? segment : segment.substring(0, bracket);
            String suffix = bracket < 0 ? "" : segment.substring(bracket);
            RecordComponent component = component(current, name);
            if (!result.isEmpty()) {
                result.append('.');
            }
            JsonProperty property = component == null ? null : component.getAccessor().getAnnotation(JsonProperty.class);
            result.append(property != null && !property.value().isEmpty() ? property.value() : name).append(suffix);
            current = component == null ? null : (suffix.isEmpty() ? component.getGenericType() : element(component.getGenericType()));
        }
        return result.toString();
    }

    private static RecordComponent component(Type type, String name) {
        if (!(type instanceof Class<?> clazz) || !clazz.isRecord()) {
            return null;
        }
        for (RecordComponent component : clazz.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component;
            }
        }
        return null;
    }

    private static Type element(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            return parameterized.getActualTypeArguments()[0];
        }
        return null;
    }
}
