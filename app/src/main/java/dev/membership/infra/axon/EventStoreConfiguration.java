package dev.membership.infra.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import dev.membership.api.shared.AuditMetadata;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon on PostgreSQL: the JDBC event store and token store on Flyway-owned snake_case tables, Jackson with
 * private object mappers, and every projection as a subscribing processor in the command's transaction, but
 * the audit log, which tracks the store.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /** pgjdbc never throws SQLIntegrityConstraintViolationException; unique violations carry SQL state 23505. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /** Snapshots and tokens: aggregates are stored field by field, so the mapper sees private fields. */
    @Bean
    @Primary
    Serializer serializer() {
        ObjectMapper mapper = baseMapper()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(mapper).lenientDeserialization().build();
    }

    /** Event payloads and metadata: the public contract, independent of Spring's own ObjectMapper settings. */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(baseMapper()).lenientDeserialization().build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(baseMapper()).lenientDeserialization().build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            @Value("${membership.event-store.gap-timeout:PT5M}") Duration gapTimeout,
            @Value("${membership.event-store.max-gap-offset:100000}") int maxGapOffset,
            @Value("${membership.event-store.batch-size:500}") int batchSize) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .gapTimeout((int) gapTimeout.toMillis())
                // a write may stay open for the commands' transaction timeout (10 s) while others commit; at Axon's
                // default of 10,000 positions, about 10 s of writes at 1,000 events/s, its gap would be dropped by
                // distance and its event never read by the audit log
                .maxGapOffset(maxGapOffset)
                .batchSize(batchSize)
                .build();
    }

    /**
     * Projections run as subscribing processors inside the command's transaction, so a 2xx write is already
     * visible to every list endpoint; a failing projection fails the command instead of being logged away.
     */
    @Bean
    ConfigurerModule subscribingProjections(@Value("${membership.audit.batch-size:100}") int auditBatchSize,
            DataSource dataSource, ConnectionProvider storeConnections) {
        return configurer -> configurer.eventProcessing()
                .usingSubscribingEventProcessors()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                // the audit log needs each event's global position, known only once stored: it tracks the store,
                // one segment, so positions are written in order; a batch's rows are written in one JDBC batch
                .registerTrackingEventProcessor(AUDIT_PROCESSOR, org.axonframework.config.Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(auditBatchSize))
                .registerHandlerInterceptor(AUDIT_PROCESSOR, c -> BatchedWrites.forProcessorBatches(dataSource, storeConnections));
    }

    public static final String AUDIT_PROCESSOR = "audit";

    /**
     * Events copy the audit metadata of what caused them. Axon's origin provider is kept, with its keys renamed
     * so that {@code correlationId} stays the request's correlation id and {@code causationId} names the message
     * that caused the event.
     */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider(AuditMetadata.CAUSATION_ID, AuditMetadata.TRACE_ID);
    }

    @Bean
    CorrelationDataProvider auditMetadataProvider() {
        return new SimpleCorrelationDataProvider(AuditMetadata.PROPAGATED);
    }

    /** The event serializer's mapper: the JSON of events in the store, in fixtures and in the event feed. */
    public static ObjectMapper eventMapper() {
        return baseMapper();
    }

    private static ObjectMapper baseMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
