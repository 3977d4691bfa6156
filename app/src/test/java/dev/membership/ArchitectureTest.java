package dev.membership;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
        classes().that().areAnnotatedWith(Revision.class)
                .should().haveSimpleNameEndingWith("Event").check(classes);
    }

    /**
     * A write takes its read models' locks and its time bound before its command is handled (ProjectionLocks); an
     * event published any other way would be stored first and unbounded, and could be skipped by the event feed.
     */
    @Test
    void eventsArePublishedOnlyByAggregatesHandlingCommands() {
        noClasses().should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "publishes on an event bus or gateway", call -> {
                            var owner = call.getTarget().getOwner();
                            String name = call.getTarget().getName();
                            return (owner.isAssignableTo(org.axonframework.eventhandling.EventBus.class) && name.equals("publish"))
                                    || owner.isAssignableTo(org.axonframework.eventhandling.gateway.EventGateway.class);
                        }))
                .check(classes);
    }

    @Test
    void commandsAndQueriesAreRecords() {
        classes().that().resideInAPackage("dev.membership.api..")
                .and().haveSimpleNameEndingWith("Command").or().haveSimpleNameEndingWith("Query")
                .should().beRecords().check(classes);
    }
}
