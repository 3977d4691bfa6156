package dev.membership.command.group;

import dev.membership.api.group.CreateGroupCommand;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.MembershipException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * A group command whose group has no events (it never existed, or the id is another aggregate's) is refused as a
 * missing group. Axon's own refusal names no aggregate type, and would be read as a missing organization.
 */
public final class MissingGroups implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final Package GROUP_COMMANDS = CreateGroupCommand.class.getPackage();

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (AggregateNotFoundException e) {
            if (unitOfWork.getMessage().getPayloadType().getPackage() == GROUP_COMMANDS) {
                throw new MembershipException(ErrorCode.GROUP_NOT_FOUND);
            }
            throw e;
        }
    }
}
