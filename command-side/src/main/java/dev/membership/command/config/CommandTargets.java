package dev.membership.command.config;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Tells which aggregate, and which version of it, a command is for, read from the members of its payload marked
 * {@link TargetAggregateIdentifier} and {@link TargetAggregateVersion} (meta-annotations count; a method is preferred
 * to a field), as Axon's annotation-based resolver does. Axon's resolver looks those members up again for every
 * command, walking all methods and fields of the payload's type and their annotations; a profile of invites found it
 * behind 7% of the memory the service allocated. Here each payload type is looked up once, on its first command.
 */
public final class CommandTargets implements CommandTargetResolver {

    private final Map<Class<?>, Target> targets = new ConcurrentHashMap<>();
    private final LongAdder resolved = new LongAdder();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Target target = targets.computeIfAbsent(command.getPayloadType(), Target::of);
        resolved.increment();
        Object payload = command.getPayload();
        Object identifier = target.identifier() == null ? null : target.identifier().read(payload);
        if (identifier == null) {
            throw new IllegalArgumentException("The command " + command.getPayloadType().getSimpleName()
                    + " names no aggregate: no method or field of it marked @TargetAggregateIdentifier gave a value");
        }
        return new VersionedAggregateIdentifier(identifier, target.version() == null ? null : version(target.version().read(payload)));
    }

    /** How many commands' targets were resolved so far. */
    long resolved() {
        return resolved.sum();
    }

    /** The payload types looked up so far. */
    Set<Class<?>> typesLookedUp() {
        return Set.copyOf(targets.keySet());
    }

    private static Long version(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
    }

    /** The members of one payload type that name its aggregate and the version expected; either may be absent. */
    private record Target(Member identifier, Member version) {

        static Target of(Class<?> type) {
            return new Target(Member.marked(type, TargetAggregateIdentifier.class),
                    Member.marked(type, TargetAggregateVersion.class));
        }
    }

    /** A method or field of a payload type, made accessible once. */
    private record Member(Method method, Field field) {

        static Member marked(Class<?> type, Class<? extends Annotation> annotation) {
            for (Method method : ReflectionUtils.methodsOf(type)) {
                if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                    return new Member(ReflectionUtils.ensureAccessible(method), null);
                }
            }
            for (Field field : ReflectionUtils.fieldsOf(type)) {
                if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                    return new Member(null, ReflectionUtils.ensureAccessible(field));
                }
            }
            return null;
        }

        Object read(Object payload) {
            try {
                return method != null ? method.invoke(payload) : field.get(payload);
            } catch (IllegalAccessException e) {
                throw new AxonConfigurationException("Cannot read " + (method != null ? method : field)
                        + " to find a command's target", e);
            } catch (InvocationTargetException e) {
                throw new IllegalArgumentException("Reading " + method + " to find a command's target failed",
                        e.getCause());
            }
        }
    }
}
