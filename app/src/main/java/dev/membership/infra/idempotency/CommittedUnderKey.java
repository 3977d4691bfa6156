package dev.membership.infra.idempotency;

import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Marks an {@code Idempotency-Key}'s request as carried out in the transaction of its write. A command sent while
 * serving a request that claimed a key carries the key; as the command's unit of work commits, the key's row is marked
 * on the same connection, so the mark commits with the command's events or not at all (a refusal rolls back both, and
 * so does a batch that runs again). Whatever then becomes of the answer (the node stops, the database goes away
 * between the commit and the answer's read), the key's retry learns that the write was done and does not run it again
 * ({@link IdempotencyFilter}).
 */
@Component
class CommittedUnderKey implements MessageDispatchInterceptor<CommandMessage<?>>,
        MessageHandlerInterceptor<CommandMessage<?>> {

    /** The request attribute naming the key its request claimed. */
    static final String CLAIM = CommittedUnderKey.class.getName() + ".claim";
    static final String PRINCIPAL = "idempotencyPrincipal";
    static final String KEY = "idempotencyKey";
    static final String CLAIM_ID = "idempotencyClaim";

    private final JdbcClient jdbc;

    CommittedUnderKey(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A key a request claimed, whose, and the claim's own id (a request that took the key over has another). */
    record Claim(String principal, String key, UUID claim) {
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object claimed = request == null ? null : request.getAttribute(CLAIM, RequestAttributes.SCOPE_REQUEST);
        // a command sent within a unit of work runs in it, with the command that sent it, which carries the key
        if (!(claimed instanceof Claim claim) || CurrentUnitOfWork.isStarted()) {
            return (index, command) -> command;
        }
        return (index, command) -> command.getMetaData().containsKey(KEY) ? command
                : command.andMetaData(Map.of(PRINCIPAL, claim.principal(), KEY, claim.key(), CLAIM_ID, claim.claim().toString()));
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        MetaData metadata = unitOfWork.getMessage().getMetaData();
        if (metadata.get(KEY) instanceof String key && metadata.get(PRINCIPAL) instanceof String principal
                && metadata.get(CLAIM_ID) instanceof String claim) {
            unitOfWork.onPrepareCommit(committing -> {
                int held = jdbc.sql("""
                                UPDATE idempotency_key_v1 SET committed_at = coalesce(committed_at, now())
                                WHERE principal = :principal AND key = :key AND claim = :claim""")
                        .param("principal", principal).param("key", key).param("claim", UUID.fromString(claim)).update();
                if (held == 0) {
                    // the request ran past its claim's lease and another took the key over (or it expired): the write
                    // is not made a second time under the key; the key's request answers what the other one answered
                    throw new MembershipException(ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                            "This request ran past the time it held its Idempotency-Key, and another request with the key"
                                    + " has run since; retry to hear its answer.");
                }
            });
        }
        return chain.proceed();
    }
}
