package dev.membership.web.v1.audit;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

/** The names of the events the audit log records, as its {@code type} filter takes them: found once, in the contract. */
final class EventTypes {

    static final Set<String> NAMES = find();

    private EventTypes() {
    }

    private static Set<String> find() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) -> reader.getClassMetadata().getClassName().endsWith("Event"));
        Set<String> names = new TreeSet<>();
        for (BeanDefinition found : scanner.findCandidateComponents("dev.membership.api")) {
            String name = found.getBeanClassName();
            names.add(name.substring(name.lastIndexOf('.') + 1));
        }
        return Set.copyOf(names);
    }
}
