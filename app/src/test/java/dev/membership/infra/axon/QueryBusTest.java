package dev.membership.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.common.Registration;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Queries run without a transaction: a transaction around a query only added a commit round trip to each. */
class QueryBusTest extends ApiTestSupport {

    record ProbeQuery(String name) {
    }

    @Autowired
    private QueryBus queryBus;

    @Autowired
    private QueryGateway queries;

    @Test
    void aQueryHandlerRunsOutsideAnyTransaction() {
        AtomicReference<Boolean> inTransaction = new AtomicReference<>();
        Registration registration = queryBus.subscribe(ProbeQuery.class.getName(), String.class, message -> {
            inTransaction.set(TransactionSynchronizationManager.isActualTransactionActive());
            return "answered " + ((ProbeQuery) message.getPayload()).name();
        });
        try {
            String answer = queries.query(new ProbeQuery("probe"), String.class).join();

            assertThat(answer).isEqualTo("answered probe");
            assertThat(inTransaction.get()).isFalse();
        } finally {
            registration.cancel();
        }
    }
}
