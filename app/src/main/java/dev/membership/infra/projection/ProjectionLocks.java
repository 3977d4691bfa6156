package dev.membership.infra.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every transaction that updates a read model holds that read model's shared lock; a rebuild holds it
 * exclusively. Writes to a read model therefore wait while it is rebuilt, and reads never do.
 */
final class ProjectionLocks {

    private ProjectionLocks() {
    }

    static void shared(JdbcClient jdbc, String projection) {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(hashtext(:name))").param("name", key(projection)).query().singleRow();
    }

    static void exclusive(JdbcClient jdbc, String projection) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:name))").param("name", key(projection)).query().singleRow();
    }

    /** Takes the shared lock once per transaction of each processing group. */
    static MessageHandlerInterceptor<EventMessage<?>> interceptor(JdbcClient jdbc, String projection) {
        return new MessageHandlerInterceptor<>() {
            @Override
            public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork,
                    InterceptorChain interceptorChain) throws Exception {
                unitOfWork.root().getOrComputeResource("projection-lock:" + projection, k -> {
                    shared(jdbc, projection);
                    return Boolean.TRUE;
                });
                return interceptorChain.proceed();
            }
        };
    }

    private static String key(String projection) {
        return "projection:" + projection;
    }
}
