package dev.membership;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

/** The rule that keeps events to aggregates catches every way code could publish one around them. */
class EventPublishingRuleTest {

    @Test
    void aDirectPublishOnTheEventStore_breaksTheRule() {
        assertThat(violations(PublishesOnTheStore.class)).singleElement().asString().contains("calls method", "EventStore.publish");
    }

    @Test
    void aMethodReferenceToPublish_breaksTheRule() {
        assertThat(violations(ReferencesPublish.class)).singleElement().asString().contains("references method", "EventBus.publish");
    }

    @Test
    void anAppendToTheStorageEngine_breaksTheRule() {
        assertThat(violations(AppendsToTheEngine.class)).singleElement().asString().contains("appendEvents");
    }

    @Test
    void anyUseOfTheEventGateway_breaksTheRule() {
        assertThat(violations(UsesTheGateway.class)).singleElement().asString().contains("EventGateway");
    }

    @Test
    void readingFromTheEventStore_keepsTheRule() {
        assertThat(violations(ReadsTheStore.class)).isEmpty();
    }

    private static List<String> violations(Class<?> fixture) {
        EvaluationResult result = ArchitectureTest.EVENTS_ARE_PUBLISHED_ONLY_BY_AGGREGATES
                .evaluate(new ClassFileImporter().importClasses(fixture));
        return result.getFailureReport().getDetails();
    }

    static class PublishesOnTheStore {
        void publish(EventStore store, EventMessage<?> event) {
            store.publish(event);
        }
    }

    static class ReferencesPublish {
        Consumer<List<? extends EventMessage<?>>> publisher(EventBus bus) {
            return bus::publish;
        }
    }

    static class AppendsToTheEngine {
        void append(EventStorageEngine engine, EventMessage<?> event) {
            engine.appendEvents(event);
        }
    }

    static class UsesTheGateway {
        void publish(EventGateway gateway, Object event) {
            gateway.publish(event);
        }
    }

    static class ReadsTheStore {
        long last(EventStore store) {
            return store.lastSequenceNumberFor("aggregate").orElse(-1L);
        }
    }
}
