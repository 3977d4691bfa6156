package dev.membership.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A snapshotted aggregate's fields are the shape of its snapshots. Snapshots of an older shape must be passed over
 * (their missing fields would load as {@code null}), which Axon does when the aggregate's {@code @Revision} differs from
 * theirs: so every change of the fields, of the aggregate or of the types it keeps, comes with a new revision, and the
 * shape recorded for it here.
 */
class SnapshotShapesTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev.membership.command.organization.Organization", "dev.membership.command.group.Group",
            "dev.membership.command.directory.DirectoryGroup"})
    void aSnapshottedAggregatesFields_areTheShapeRecordedForItsRevision(String aggregate) throws Exception {
        Class<?> type = Class.forName(aggregate);
        Revision revision = type.getAnnotation(Revision.class);
        assertThat(revision).as("%s has a @Revision", type.getSimpleName()).isNotNull();
        String file = "/snapshot-shapes/" + type.getSimpleName() + "-" + revision.value() + ".txt";
        String shape = String.join("\n", shape(type)) + "\n";

        var recorded = SnapshotShapesTest.class.getResourceAsStream(file);
        assertThat(recorded).as("the shape of revision %s of %s is recorded in %s; the shape now:%n%s", revision.value(),
                type.getSimpleName(), file, shape).isNotNull();
        try (recorded) {
            assertThat(new String(recorded.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("%s's fields changed: bump its @Revision and record the new shape in a file of that revision",
                            type.getSimpleName())
                    .isEqualTo(shape);
        }
    }

    /** Each field of the type and of the service's own types it keeps, as {@code Type.field: generic type}. */
    private static List<String> shape(Class<?> root) {
        List<String> lines = new ArrayList<>();
        Set<Class<?>> seen = new LinkedHashSet<>();
        List<Class<?>> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            Class<?> type = pending.remove(0);
            if (!seen.add(type) || type.isEnum()) {
                continue;
            }
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())) {
                    continue;
                }
                lines.add(type.getSimpleName() + "." + field.getName() + ": " + field.getGenericType().getTypeName());
                ownTypes(field.getGenericType(), pending);
            }
        }
        return lines;
    }

    private static void ownTypes(Type type, List<Class<?>> into) {
        if (type instanceof Class<?> named && named.getName().startsWith("dev.membership.")) {
            into.add(named);
        } else if (type instanceof ParameterizedType generic) {
            for (Type argument : generic.getActualTypeArguments()) {
                ownTypes(argument, into);
            }
        }
    }
}
