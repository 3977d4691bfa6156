package dev.membership.command.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The command side's clock: within a command's unit of work every reading is the instant of its first one. A
 * command's events then carry one time between them (Axon stamps each event as it is applied), and the times their
 * payloads name ({@code createdAt}, {@code invitedAt}, ...) are that time too. Read apart, the three invitations of one
 * request were stamped milliseconds apart, so "as of" an instant between them showed an all-or-nothing request half
 * done; and "as of" the {@code createdAt} an answer gave showed nothing yet, as the events were stamped after it.
 * A command a policy sends in reaction to an event takes that event's time, and one a command's handler sends takes
 * that command's. Outside a command (a policy's own reads, the expiry sweep) it reads the time as it is.
 */
public final class CommandClock extends Clock {

    private static final String INSTANT = CommandClock.class.getName() + ".instant";

    private final Clock base;

    public CommandClock(Clock base) {
        this.base = base;
    }

    @Override
    public Instant instant() {
        if (!CurrentUnitOfWork.isStarted()) {
            return base.instant();
        }
        return commandTime(CurrentUnitOfWork.get()).orElseGet(base::instant); // else a batch's own unit of work, or an event's
    }

    /** The time of the command a unit of work handles, read once; none for another kind of unit of work. */
    private Optional<Instant> commandTime(UnitOfWork<?> unitOfWork) {
        if (!(unitOfWork.getMessage() instanceof CommandMessage)) {
            return Optional.empty();
        }
        return Optional.of(unitOfWork.getOrComputeResource(INSTANT, key -> causeTime(unitOfWork).orElseGet(base::instant)));
    }

    /**
     * A command sent while its cause is handled takes the cause's time. A policy's command takes its cause event's: a
     * removal and the group leavings it causes carry one time, and "as of" never shows a removed member still in a
     * group. A command sent by another command's handler takes that command's: the invitations a directory group's
     * link sends carry the time of the group's change, and "as of" never shows a group with members not yet invited.
     */
    private Optional<Instant> causeTime(UnitOfWork<?> command) {
        return command.parent().flatMap(cause -> cause.getMessage() instanceof EventMessage<?> event
                ? Optional.of(event.getTimestamp()) : commandTime(cause));
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new CommandClock(base.withZone(zone));
    }
}
