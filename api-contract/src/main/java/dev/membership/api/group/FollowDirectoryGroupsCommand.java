package dev.membership.api.group;

import dev.membership.api.shared.Actor;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Brings a group up to date with the directory groups it is linked to, as its links stand when the command runs
 * (read under the group's lock, so a change of links made meanwhile is neither undone nor missed): people the links
 * now reach join, those they no longer reach leave. Sent when a directory group changes. Answered with a
 * {@link DirectoryLinkResult}.
 */
public record FollowDirectoryGroupsCommand(@TargetAggregateIdentifier UUID groupId, UUID organizationId, Actor actor) {
}
