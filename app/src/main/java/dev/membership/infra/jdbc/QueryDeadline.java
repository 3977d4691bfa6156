package dev.membership.infra.jdbc;

import java.time.Duration;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryMessage;

/**
 * The time a query handler has for its answer. While a query is handled, the statements it runs through
 * {@link DeadlineJdbcTemplate} are given what is left of that time as their JDBC query timeout, after which
 * PostgreSQL cancels them; a statement started once the time is up is not sent. Projections, rebuilds, commands and
 * exports run no query handler and keep no deadline. A query sent by a query handler keeps the earlier deadline.
 */
public final class QueryDeadline implements MessageHandlerInterceptor<QueryMessage<?, ?>> {

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private final long budgetNanos;

    /** @param budget the time each query has; zero or negative for none */
    public QueryDeadline(Duration budget) {
        this.budgetNanos = budget.toNanos();
    }

    @Override
    public Object handle(UnitOfWork<? extends QueryMessage<?, ?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (budgetNanos <= 0) {
            return chain.proceed();
        }
        Long outer = DEADLINE.get();
        long deadline = System.nanoTime() + budgetNanos;
        DEADLINE.set(outer != null && outer - deadline < 0 ? outer : deadline);
        try {
            return chain.proceed();
        } finally {
            if (outer == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(outer);
            }
        }
    }

    /** The nanoseconds left to the query handled on this thread, or {@code null} when it handles none. */
    static Long remainingNanos() {
        Long deadline = DEADLINE.get();
        return deadline == null ? null : deadline - System.nanoTime();
    }
}
