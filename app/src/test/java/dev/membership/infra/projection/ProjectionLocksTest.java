package dev.membership.infra.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction that publishes an event takes the shared locks of all subscribing read models in one statement, when
 * the first of them sees the event; a tracking processor takes only its own.
 */
class ProjectionLocksTest extends ApiTestSupport {

    @Autowired
    private Configuration axon;

    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void theFirstSubscribingReadModel_takesTheSharedLocksOfAllOfThem() {
        List<String> subscribing = processors(SubscribingEventProcessor.class);
        assertThat(subscribing).hasSizeGreaterThan(1);

        List<String> locked = new TransactionTemplate(transactions).execute(status -> {
            handleInOneUnitOfWork(List.of(subscribing.get(0)));
            return heldAdvisoryLocks();
        });

        assertThat(locked).containsExactlyInAnyOrderElementsOf(hashes(subscribing));
    }

    @Test
    void aUnitOfWorkThroughEveryReadModel_holdsTheirSharedLocks_andNoOther() {
        List<String> subscribing = processors(SubscribingEventProcessor.class);

        List<String> locked = new TransactionTemplate(transactions).execute(status -> {
            handleInOneUnitOfWork(subscribing);
            return heldAdvisoryLocks();
        });

        assertThat(locked).hasSize(subscribing.size()).containsExactlyInAnyOrderElementsOf(hashes(subscribing));
    }

    @Test
    void aTrackingProcessor_takesOnlyItsOwnLock() {
        List<String> tracking = processors(TrackingEventProcessor.class);
        assertThat(tracking).isNotEmpty();

        List<String> locked = new TransactionTemplate(transactions).execute(status -> {
            handleInOneUnitOfWork(List.of(tracking.get(0)));
            return heldAdvisoryLocks();
        });

        assertThat(locked).containsExactlyElementsOf(hashes(List.of(tracking.get(0))));
    }

    /** Runs each named processor's lock interceptor for one event, in one unit of work, as a publishing command does. */
    private void handleInOneUnitOfWork(List<String> processors) {
        EventMessage<?> event = GenericEventMessage.asEventMessage("an event");
        UnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        unitOfWork.execute(() -> {
            for (String processor : processors) {
                MessageHandlerInterceptor<EventMessage<?>> interceptor = ProjectionLocks.interceptor(jdbc, axon, processor);
                try {
                    interceptor.handle(unitOfWork, () -> null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    private List<String> processors(Class<?> type) {
        Map<String, ?> processors = axon.eventProcessingConfiguration().eventProcessors();
        return processors.entrySet().stream().filter(entry -> type.isInstance(entry.getValue()))
                .map(Map.Entry::getKey).sorted().collect(Collectors.toList());
    }

    private List<String> heldAdvisoryLocks() {
        return jdbc.sql("SELECT objid::text FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
                + "AND mode = 'ShareLock' AND granted").query(String.class).list();
    }

    private List<String> hashes(List<String> projections) {
        // pg_locks shows a 32-bit key's value as an unsigned oid
        return projections.stream().map(name -> jdbc.sql("SELECT (hashtext(:key)::bigint & 4294967295)::text")
                .param("key", "projection:" + name).query(String.class).single()).toList();
    }
}
