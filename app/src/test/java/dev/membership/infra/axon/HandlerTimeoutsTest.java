package dev.membership.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.support.ApiTestSupport;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Axon's handler and unit-of-work timeouts are off: each takes a stack trace of the calling thread per handler
 * invocation and per unit of work, which cost a third of the CPU of a write (BENCHMARKS.md, change 13).
 */
class HandlerTimeoutsTest extends ApiTestSupport {

    @Autowired
    private ApplicationContext context;

    @Test
    void handlersAndUnitsOfWorkAreNotWrappedInTimeLimitedTasks() {
        assertThat(context.getBeansOfType(HandlerEnhancerDefinition.class).values())
                .noneMatch(HandlerTimeoutHandlerEnhancerDefinition.class::isInstance);
        // the module that adds the unit-of-work timeouts to the command bus, query bus and processors
        assertThat(context.getBeansOfType(ConfigurerModule.class).values())
                .extracting(module -> module.getClass().getName())
                .noneMatch(name -> name.contains("Timeout"));
    }
}
