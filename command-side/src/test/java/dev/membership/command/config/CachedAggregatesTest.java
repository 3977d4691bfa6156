package dev.membership.command.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.membership.command.config.CachedAggregates.StaleAggregateException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cached aggregate behind the store is refused; the aggregates of commands that commit together are looked up in one
 * statement, as the first of them is checked, and a command outside such a batch is looked up alone.
 */
class CachedAggregatesTest {

    private final EventStore store = mock(EventStore.class);
    private final List<Set<String>> batchLookUps = new ArrayList<>();
    private final Map<String, Long> stored = Map.of("org-1", 4L, "org-2", 9L);
    private final CachedAggregates cached = new CachedAggregates(store, this::lookUp, true);

    private Map<String, Long> lookUp(Collection<String> ids) {
        batchLookUps.add(Set.copyOf(ids));
        return ids.stream().filter(stored::containsKey).collect(Collectors.toMap(id -> id, stored::get));
    }

    @AfterEach
    void endUnitsOfWork() {
        while (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().rollback();
        }
    }

    @Test
    void theCommandsOfABatch_areComparedWithOneLookUpOfAllTheirAggregates() {
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(new GenericMessage<>("batch"));
        cached.expect(root, List.of("org-1", "org-2", "org-new", "org-1"));

        inNestedUnitOfWork(() -> cached.requireCurrent("org-1", 4L));
        inNestedUnitOfWork(() -> cached.requireCurrent("org-2", 10L)); // ahead, with the batch's own events
        inNestedUnitOfWork(() -> cached.requireCurrent("org-new", null)); // created in the batch, nothing stored

        assertThat(batchLookUps).containsExactly(Set.of("org-1", "org-2", "org-new"));
        verify(store, never()).lastSequenceNumberFor(anyString());
    }

    @Test
    void aCachedAggregateBehindTheBatchsLookUp_isRefusedAsStale() {
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(new GenericMessage<>("batch"));
        cached.expect(root, List.of("org-1", "org-2"));

        inNestedUnitOfWork(() -> assertThatThrownBy(() -> cached.requireCurrent("org-2", 8L))
                .isInstanceOf(StaleAggregateException.class)
                .hasMessageContaining("org-2").hasMessageContaining("cached at version 8; the store holds 9"));
    }

    @Test
    void anAggregateTheBatchDidNotName_isLookedUpAlone() {
        when(store.lastSequenceNumberFor("org-3")).thenReturn(Optional.of(2L));
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(new GenericMessage<>("batch"));
        cached.expect(root, List.of("org-1", "org-2"));

        inNestedUnitOfWork(() -> assertThatThrownBy(() -> cached.requireCurrent("org-3", 1L))
                .isInstanceOf(StaleAggregateException.class));

        assertThat(batchLookUps).isEmpty();
        verify(store).lastSequenceNumberFor("org-3");
    }

    @Test
    void aCommandThatCommitsAlone_isLookedUpAlone() {
        when(store.lastSequenceNumberFor("org-1")).thenReturn(Optional.of(4L));
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(new GenericMessage<>("one command"));
        cached.expect(root, List.of("org-1"));

        assertThatNoException().isThrownBy(() -> cached.requireCurrent("org-1", 4L));
        assertThatThrownBy(() -> cached.requireCurrent("org-1", 3L)).isInstanceOf(StaleAggregateException.class);

        assertThat(batchLookUps).isEmpty();
    }

    @Test
    void aSingleNode_looksNothingUp() {
        CachedAggregates single = CachedAggregates.singleNode();
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(new GenericMessage<>("batch"));
        single.expect(root, List.of("org-1", "org-2"));

        assertThatNoException().isThrownBy(() -> single.requireCurrent("org-1", 0L));
        assertThat(root.resources()).isEmpty();
    }

    private static void inNestedUnitOfWork(Runnable check) {
        UnitOfWork<?> nested = DefaultUnitOfWork.startAndGet(new GenericMessage<>("command"));
        try {
            check.run();
        } finally {
            nested.commit();
        }
    }
}
