package dev.membership.web.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.membership.api.shared.Identifiers;
import java.io.IOException;
import java.util.UUID;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Requests are read as written. In JSON bodies a number or boolean is not taken for a string, nor a number or string for a boolean, and an empty string
 * is not taken for a missing id; trailing content and duplicate keys are refused through {@code spring.jackson.*}
 * in {@code application.yml}. Ids, in bodies, paths and parameters alike, are UUIDs in their canonical form
 * (36 characters, hexadecimal digits in either case), so {@code 1-1-1-1-1} or a padded id is refused rather than
 * read as some other id ({@link StrictRequestValues} for paths and parameters). Stored events use their own mappers
 * and are not affected.
 */
@Configuration(proxyBeanMethods = false)
class StrictInputConfiguration {

    static UUID canonicalUuid(String text) {
        return Identifiers.parseUuid(text).orElseThrow(() -> new IllegalArgumentException("Not a canonical UUID"));
    }

    @Bean
    com.fasterxml.jackson.databind.Module canonicalUuids() {
        SimpleModule ids = new SimpleModule("canonical-uuids");
        ids.addDeserializer(UUID.class, new StdScalarDeserializer<>(UUID.class) {
            @Override
            public UUID deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (!parser.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
                    return (UUID) context.handleUnexpectedToken(UUID.class, parser);
                }
                String text = parser.getText();
                try {
                    return canonicalUuid(text);
                } catch (IllegalArgumentException e) {
                    return (UUID) context.handleWeirdStringValue(UUID.class, text, "not a UUID");
                }
            }

            @Override
            public LogicalType logicalType() {
                return LogicalType.OtherScalar;
            }
        });
        return ids;
    }

    /**
     * The same for conversions outside a binder's editors ({@link StrictRequestValues}): an {@code Optional<UUID>},
     * a list or an array of ids in a parameter would be converted element by element through here.
     */
    @Bean
    WebMvcConfigurer canonicalIdsInConversions() {
        return new WebMvcConfigurer() {
            @Override
            public void addFormatters(FormatterRegistry registry) {
                registry.addConverter(String.class, UUID.class, (Converter<String, UUID>) StrictInputConfiguration::canonicalUuid);
            }

            /** After the access check, which answers a stranger 404 whatever it sent. */
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new SingleValuedParameters()).order(Ordered.LOWEST_PRECEDENCE);
            }
        };
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictScalars() {
        return builder -> builder.postConfigurer(mapper -> {
            mapper.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Boolean)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        });
    }
}
