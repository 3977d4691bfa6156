package dev.membership.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.membership.infra.axon.EventStoreConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The event contract downstream consumers rely on: every event type has a committed JSON fixture
 * ({@code src/test/resources/events}), and its serialized form is exactly that fixture, field for field.
 * Changing an event's shape fails here until its revision, fixture and upcaster change with it.
 */
class EventContractTest {

    private static final ObjectMapper EVENTS = EventStoreConfiguration.eventMapper();
    private static final ObjectMapper PLAIN = new ObjectMapper();

    static Stream<Class<?>> eventTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
        List<Class<?>> types = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("dev.membership.api")) {
            try {
                types.add(Class.forName(definition.getBeanClassName()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return types.stream();
    }

    /** Each fixture is of an event the scan finds, so that a fixture whose event was renamed or dropped fails here. */
    @Test
    void everyFixtureIsOfAnEventTheContractHolds_andEveryEventHasOne() throws IOException {
        List<String> fixtures = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath:/events/*.json")) {
            fixtures.add(resource.getFilename().replaceFirst("\\.json$", ""));
        }

        assertThat(fixtures).isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(eventTypes().map(Class::getSimpleName).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void theSerializedFormOfEachEventMatchesItsFixture(Class<?> type) throws IOException {
        JsonNode fixture = fixture(type);
        assertThat(fixture.get("type").asText()).isEqualTo(type.getName());
        assertThat(fixture.get("revision").asText()).isEqualTo(type.getAnnotation(Revision.class).value());

        JsonNode expected = fixture.get("payload");
        Object event = EVENTS.treeToValue(expected, type);
        JsonNode serialized = PLAIN.readTree(EVENTS.writeValueAsBytes(event));

        assertThat(serialized).isEqualTo(expected);
        List<String> fields = new ArrayList<>();
        expected.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList());
    }

    private static JsonNode fixture(Class<?> type) throws IOException {
        try (InputStream in = EventContractTest.class.getResourceAsStream("/events/" + type.getSimpleName() + ".json")) {
            assertThat(in).as("fixture events/%s.json", type.getSimpleName()).isNotNull();
            return PLAIN.readTree(in);
        }
    }
}
