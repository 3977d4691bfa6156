package dev.membership.infra.upcasting;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.membership.api.group.GroupDeletedEvent;
import dev.membership.api.group.GroupManagerSetEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The revisions that only added a field, each read in today's shape by a {@link FieldAddedUpcaster}. */
@Configuration(proxyBeanMethods = false)
class UpcastingConfiguration {

    /** Revision 2 names the members a deleted group had; a deletion stored before names none. */
    @Bean
    @Order(1)
    FieldAddedUpcaster groupDeletedMembersUpcaster() {
        return new FieldAddedUpcaster(GroupDeletedEvent.class, "1", "2", "removedMembershipIds",
                JsonNodeFactory.instance.arrayNode());
    }

    /** Revision 2 names the manager before the change; a change stored before names none. */
    @Bean
    @Order(1)
    FieldAddedUpcaster groupPreviousManagerUpcaster() {
        return new FieldAddedUpcaster(GroupManagerSetEvent.class, "1", "2", "previousManagerMembershipId",
                JsonNodeFactory.instance.nullNode());
    }
}
