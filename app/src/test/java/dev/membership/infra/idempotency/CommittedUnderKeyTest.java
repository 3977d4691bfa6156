package dev.membership.infra.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A command a request sends carries the key the request claimed; a command sent from within a unit of work (by a
 * handler, on whatever thread runs it) runs in that unit of work, and carries none of its own.
 */
class CommittedUnderKeyTest {

    private final CommittedUnderKey marking = new CommittedUnderKey(null);
    private final CommittedUnderKey.Claim claim = new CommittedUnderKey.Claim("caller", "key-1", UUID.randomUUID());

    @BeforeEach
    void inARequestThatClaimedAKey() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/organizations");
        request.setAttribute(CommittedUnderKey.CLAIM, claim);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    @AfterEach
    void leaveTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aCommandTheRequestSends_carriesItsKeyAndClaim() {
        CommandMessage<?> sent = dispatch();

        assertThat(sent.getMetaData()).containsEntry(CommittedUnderKey.KEY, "key-1")
                .containsEntry(CommittedUnderKey.PRINCIPAL, "caller")
                .containsEntry(CommittedUnderKey.CLAIM_ID, claim.claim().toString());
    }

    @Test
    void aCommandSentWithinAUnitOfWork_carriesNoKey() {
        UnitOfWork<?> running = DefaultUnitOfWork.startAndGet(new GenericMessage<>("a command being handled"));
        try {
            assertThat(dispatch().getMetaData()).doesNotContainKeys(CommittedUnderKey.KEY, CommittedUnderKey.CLAIM_ID);
        } finally {
            running.rollback();
        }
    }

    private CommandMessage<?> dispatch() {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("a command");
        return marking.handle(List.of(command)).apply(0, command);
    }
}
