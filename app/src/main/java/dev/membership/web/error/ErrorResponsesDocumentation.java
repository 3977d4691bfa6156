package dev.membership.web.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Gives every operation of the OpenAPI document its errors in its dialect's shape: a {@code 4XX} and a {@code 5XX}
 * response whose schema is the type of that dialect's error body and whose examples are rendered by the same
 * {@link ErrorResponder} that answers real requests, so the document cannot drift from the wire.
 */
@Component
class ErrorResponsesDocumentation implements OpenApiCustomizer {

    /** The client errors shown as examples, each possible on every route: a rejected field, a missing token, an unknown resource. */
    private static final Map<String, ApiError> CLIENT_ERRORS = examples(
            "invalid", ApiError.invalid(ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REQUEST.defaultDetail(),
                    List.of(new InvalidParam("name", "must not be blank"))),
            "unauthenticated", ApiError.of(ErrorCode.UNAUTHENTICATED),
            "notFound", ApiError.of(ErrorCode.NOT_FOUND));

    private static final Map<String, ApiError> SERVER_ERRORS = examples("unavailable", ApiError.of(ErrorCode.UNAVAILABLE));

    /** A name for each dialect's error body in the document's components. */
    private static final Map<Dialect, String> SCHEMA_NAMES = new EnumMap<>(Map.of(
            Dialect.EVO, "EvoError", Dialect.ONLYOFFICE, "DocSpaceError", Dialect.CLOUDFLARE, "CloudflareError",
            Dialect.NATIVE, "Problem"));

    private final ErrorResponder responder;
    private final ObjectMapper objectMapper;

    ErrorResponsesDocumentation(ErrorResponder responder, ObjectMapper objectMapper) {
        this.responder = responder;
        this.objectMapper = objectMapper;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        Map<Dialect, ApiResponse> clientErrors = new EnumMap<>(Dialect.class);
        Map<Dialect, ApiResponse> serverErrors = new EnumMap<>(Dialect.class);
        openApi.getPaths().forEach((path, item) -> {
            Dialect dialect = Dialect.of(path);
            ApiResponse client = clientErrors.computeIfAbsent(dialect, d -> response(openApi.getComponents(), d, path,
                    "Refused: the request is not valid, not allowed here, or conflicts with the current state; in "
                            + label(d) + " shape", CLIENT_ERRORS));
            ApiResponse server = serverErrors.computeIfAbsent(dialect, d -> response(openApi.getComponents(), d, path,
                    "Unavailable for the moment (503, with Retry-After saying when to try again), or an unexpected failure (500); in " + label(d) + " shape",
                    SERVER_ERRORS));
            item.readOperations().forEach(operation -> {
                operation.getResponses().addApiResponse("4XX", client);
                operation.getResponses().addApiResponse("5XX", server);
            });
        });
    }

    private ApiResponse response(Components components, Dialect dialect, String path, String description,
            Map<String, ApiError> errors) {
        Map<String, Example> examples = new LinkedHashMap<>();
        String contentType = null;
        Class<?> bodyType = null;
        for (Map.Entry<String, ApiError> error : errors.entrySet()) {
            ResponseEntity<Object> rendered = responder.respond(error.getValue(), path);
            contentType = String.valueOf(rendered.getHeaders().getContentType());
            bodyType = rendered.getBody().getClass();
            JsonNode body = objectMapper.valueToTree(rendered.getBody());
            examples.put(error.getKey(), new Example().summary(rendered.getStatusCode().value() + " "
                    + error.getValue().code().name()).value(body));
        }
        MediaType media = new MediaType().schema(schema(components, dialect, bodyType)).examples(examples);
        return new ApiResponse().description(description).content(new Content().addMediaType(contentType, media));
    }

    /** The dialect's error body in the components, under its own name; the types it refers to beside it. */
    private static Schema<?> schema(Components components, Dialect dialect, Class<?> bodyType) {
        String name = SCHEMA_NAMES.get(dialect);
        if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
            ResolvedSchema resolved = ModelConverters.getInstance()
                    .resolveAsResolvedSchema(new AnnotatedType(bodyType).resolveAsRef(false));
            resolved.referencedSchemas.forEach((referenced, schema) -> {
                if (referenced.equals(bodyType.getSimpleName())) {
                    return; // the body itself, which goes in under the dialect's name below
                }
                if (components.getSchemas() == null || !components.getSchemas().containsKey(referenced)) {
                    components.addSchemas(referenced, schema);
                }
            });
            Schema<?> body = resolved.schema;
            if (ProblemDetail.class.isAssignableFrom(bodyType) && body.getProperties() != null) {
                // a problem's extra members are written beside the standard ones, not under "properties"
                body.getProperties().remove("properties");
                body.addProperty("code", new StringSchema().description("The stable error code, such as INVALID_REQUEST"));
                body.addProperty("invalidParams", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/InvalidParam"))
                        .description("Each rejected input, when the request was not valid"));
                if (components.getSchemas() == null || !components.getSchemas().containsKey("InvalidParam")) {
                    ModelConverters.getInstance().readAll(new AnnotatedType(InvalidParam.class)).forEach(components::addSchemas);
                }
            }
            if (dialect == Dialect.EVO) {
                body.setRequired(List.of("type", "title", "status")); // as Evo's error model has them
            }
            components.addSchemas(name, body);
        }
        return new Schema<>().$ref("#/components/schemas/" + name);
    }

    private static String label(Dialect dialect) {
        return switch (dialect) {
            case EVO -> "Evo Workspaces'";
            case ONLYOFFICE -> "ONLYOFFICE DocSpace's";
            case CLOUDFLARE -> "Cloudflare's";
            case NATIVE -> "RFC 9457 problem";
        };
    }

    private static Map<String, ApiError> examples(Object... namesAndErrors) {
        Map<String, ApiError> examples = new LinkedHashMap<>();
        for (int i = 0; i < namesAndErrors.length; i += 2) {
            examples.put((String) namesAndErrors[i], (ApiError) namesAndErrors[i + 1]);
        }
        return examples;
    }
}
