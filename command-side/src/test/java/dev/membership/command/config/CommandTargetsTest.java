package dev.membership.command.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

/** The cached resolver finds the same target as Axon's own, for every command of the contract and beyond. */
class CommandTargetsTest {

    private final CommandTargets targets = new CommandTargets();
    private final CommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();

    @Test
    void everyCommandOfTheContract_resolvesToTheTargetAxonsResolverFinds() throws Exception {
        List<Class<?>> commands = contractCommands();

        assertThat(commands).hasSizeGreaterThanOrEqualTo(15);
        for (Class<?> command : commands) {
            assertThat(command.isRecord()).as(command.getName() + " is a command, and commands are records").isTrue();
            Object payload = sample(command);
            VersionedAggregateIdentifier ours = targets.resolveTarget(GenericCommandMessage.asCommandMessage(payload));
            assertThat(ours).as(command.getSimpleName())
                    .isEqualTo(axons.resolveTarget(GenericCommandMessage.asCommandMessage(payload)));
            assertThat(ours.getIdentifierValue()).as(command.getSimpleName()).isNotNull();
        }
    }

    @Test
    void eachCommandOfOneType_readsItsOwnTargetAndVersion() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        VersionedAggregateIdentifier one = targets.resolveTarget(GenericCommandMessage.asCommandMessage(new OnField(first, 3)));
        VersionedAggregateIdentifier two = targets.resolveTarget(GenericCommandMessage.asCommandMessage(new OnField(second, 4)));

        assertThat(one.getIdentifierValue()).isEqualTo(first);
        assertThat(one.getVersion()).isEqualTo(3L);
        assertThat(two.getIdentifierValue()).isEqualTo(second);
        assertThat(two.getVersion()).isEqualTo(4L);
        assertThat(targets.typesLookedUp()).containsExactly(OnField.class);
    }

    @Test
    void methodsAndMetaAnnotationsAndTextualVersions_resolveAsAxonResolvesThem() {
        for (Object payload : List.of(new OnField(UUID.randomUUID(), 7), new OnMethods("acme", "12"),
                new MetaAnnotated(UUID.randomUUID()))) {
            assertThat(targets.resolveTarget(GenericCommandMessage.asCommandMessage(payload))).as(payload.toString())
                    .isEqualTo(axons.resolveTarget(GenericCommandMessage.asCommandMessage(payload)));
        }
        assertThat(targets.resolveTarget(GenericCommandMessage.asCommandMessage(new OnMethods("acme", "12"))).getVersion())
                .isEqualTo(12L);
    }

    @Test
    void aCommandWithoutATarget_orWithAnEmptyOne_isRefusedAsAxonRefusesIt() {
        for (Object payload : List.of(new Untargeted("x"), new OnField(null, 1))) {
            assertThatThrownBy(() -> axons.resolveTarget(GenericCommandMessage.asCommandMessage(payload)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> targets.resolveTarget(GenericCommandMessage.asCommandMessage(payload)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(payload.getClass().getSimpleName())
                    .hasMessageContaining("@TargetAggregateIdentifier");
        }
    }

    private static List<Class<?>> contractCommands() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) -> reader.getClassMetadata().getClassName().endsWith("Command"));
        List<Class<?>> commands = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("dev.membership.api")) {
            commands.add(Class.forName(candidate.getBeanClassName()));
        }
        return commands;
    }

    /** An instance of a record with a value of its declared type in each component (a random one for ids). */
    private static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(types[i]);
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object value(Class<?> type) throws Exception {
        if (type == UUID.class) {
            return UUID.randomUUID();
        } else if (type == String.class) {
            return "x";
        } else if (type == List.class) {
            return List.of();
        } else if (type == Set.class) {
            return Set.of();
        } else if (type == Map.class) {
            return Map.of();
        } else if (type == boolean.class) {
            return false;
        } else if (type == int.class || type == long.class) {
            return type == int.class ? (Object) 0 : (Object) 0L;
        } else if (type.isEnum()) {
            return type.getEnumConstants()[0];
        } else if (type.isRecord()) {
            return sample(type);
        }
        return null;
    }

    record OnField(@TargetAggregateIdentifier UUID id, @TargetAggregateVersion long version) {
    }

    static final class OnMethods {
        private final String name;
        private final String version;

        OnMethods(String name, String version) {
            this.name = name;
            this.version = version;
        }

        @TargetAggregateIdentifier
        String target() {
            return "org-" + name;
        }

        @TargetAggregateVersion
        String expectedVersion() {
            return version;
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD})
    @TargetAggregateIdentifier
    @interface Addressed {
    }

    record MetaAnnotated(@Addressed UUID groupId) {
    }

    record Untargeted(String name) {
    }
}
