package dev.membership;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module and naming rules the compiler does not check. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.membership");
    }

    @Test
    void theContractDependsOnNoFrameworkButAxonAnnotations() {
        noClasses().that().resideInAPackage("dev.membership.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.fasterxml.jackson..",
                        "jakarta.persistence..", "java.sql..", "dev.membership.command..", "dev.membership.query..",
                        "dev.membership.web..")
                .check(classes);
    }

    @Test
    void commandSideAndQuerySideNeverDependOnEachOther() {
        noClasses().that().resideInAPackage("dev.membership.command..")
                .should().dependOnClassesThat().resideInAPackage("dev.membership.query..").check(classes);
        noClasses().that().resideInAPackage("dev.membership.query..")
                .should().dependOnClassesThat().resideInAPackage("dev.membership.command..").check(classes);
    }

    @Test
    void webAdaptersTalkToTheDomainOnlyThroughMessagesAndGateways() {
        noClasses().that().resideInAPackage("dev.membership.web..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.membership.command..", "dev.membership.query..",
                        "org.springframework.jdbc..")
                .check(classes);
    }

    @Test
    void aggregatesAreNotPublic() {
        classes().that().areAnnotatedWith(Aggregate.class).should().notBePublic().check(classes);
    }

    @Test
    void eventsAreRevisionedRecordsNamedInThePastTense() {
        classes().that().resideInAPackage("dev.membership.api..").and().haveSimpleNameEndingWith("Event")
                .should().beAnnotatedWith(Revision.class).andShould().beRecords().check(classes);
        // besides events, only aggregates carry a revision: that of their snapshots' shape (SnapshotShapesTest)
        classes().that().areAnnotatedWith(Revision.class).and().areNotAnnotatedWith(Aggregate.class)
                .should().haveSimpleNameEndingWith("Event").check(classes);
    }

    /**
     * A write takes its read models' locks and its time bound before its command is handled (ProjectionLocks); an
     * event published any other way would be stored first and unbounded, and could be skipped by the event feed.
     * Calls and method references both count, and so does appending to the storage engine beneath the event store.
     */
    static final ArchRule EVENTS_ARE_PUBLISHED_ONLY_BY_AGGREGATES = noClasses()
            .should().accessTargetWhere(DescribedPredicate.describe(
                    "publish on an event bus or gateway, or append to an event storage engine", access -> {
                        JavaClass owner = access.getTarget().getOwner();
                        String name = access.getTarget().getName();
                        return (owner.isAssignableTo(EventBus.class) && name.equals("publish"))
                                || owner.isAssignableTo(EventGateway.class)
                                || (owner.isAssignableTo(EventStorageEngine.class) && name.equals("appendEvents"));
                    }))
            .because("events are applied by aggregates handling commands, which the write path locks and bounds");

    @Test
    void eventsArePublishedOnlyByAggregatesHandlingCommands() {
        EVENTS_ARE_PUBLISHED_ONLY_BY_AGGREGATES.check(classes);
    }

    @Test
    void commandsAndQueriesAreRecords() {
        classes().that().resideInAPackage("dev.membership.api..")
                .and().haveSimpleNameEndingWith("Command").or().haveSimpleNameEndingWith("Query")
                .should().beRecords().check(classes);
    }

    /**
     * The OpenAPI document names each schema after its record (or the name its {@code @Schema} gives it) and keeps one
     * schema per name: two records of one name would both be described as whichever it met first, and a client
     * generated from the document would read one dialect's answer as another's.
     */
    @Test
    void recordsOnTheWireHaveOneSchemaNameEach() {
        Map<String, List<String>> byName = new TreeMap<>();
        classes.stream()
                .filter(type -> type.getPackageName().startsWith("dev.membership.web")
                        || type.getPackageName().startsWith("dev.membership.api"))
                .filter(JavaClass::isRecord)
                .filter(type -> type.getTypeParameters().isEmpty()) // named after their arguments too
                .forEach(type -> byName.computeIfAbsent(type.tryGetAnnotationOfType(Schema.class)
                                .map(Schema::name).filter(name -> !name.isEmpty()).orElse(type.getSimpleName()),
                        name -> new ArrayList<>()).add(type.getName()));
        byName.values().removeIf(types -> types.size() == 1);
        assertThat(byName).as("records sharing a schema name").isEmpty();
    }
}
