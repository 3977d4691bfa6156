package dev.membership.infra;

import dev.membership.web.error.Dialect;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: every route needs a bearer JWT; the calling actor is not a request parameter. Routes are
 * grouped by dialect; the vendor dialects' operations keep their vendors' operation ids (set on each route), so a
 * client generated from this document has the methods one generated from the vendor's has.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final Map<Dialect, String> DIALECT_DESCRIPTIONS = Map.of(
            Dialect.EVO, "Seequent Evo Workspaces: instance users, invitations, roles, instance groups and the IMS directory",
            Dialect.ONLYOFFICE, "ONLYOFFICE DocSpace groups, under /docspace/{orgId}",
            Dialect.CLOUDFLARE, "Cloudflare account members and account user groups; an account is an organization",
            Dialect.NATIVE, "Organizations, groups, the directory, invitations, audit history, as-of views, the event feed and administration");

    private static final String APPLICATION_JSON = "application/json";
    private static final String TEXT_JSON = "text/json";

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(dev.membership.api.shared.Actor.class);
    }

    @Bean
    OpenAPI membershipOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Membership service")
                        .description("Organizations, users, invitations, roles and groups; Evo Workspaces, ONLYOFFICE "
                                + "DocSpace and Cloudflare dialects, and the native API under /v1.")
                        .version("v1"))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** Each operation is tagged with the dialect of its path, the dialects listed in their order. */
    @Bean
    OpenApiCustomizer dialectTags() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperations()
                    .forEach(operation -> operation.setTags(List.of(Dialect.of(path).title()))));
            openApi.setTags(Arrays.stream(Dialect.values())
                    .map(dialect -> new Tag().name(dialect.title()).description(DIALECT_DESCRIPTIONS.get(dialect)))
                    .toList());
        };
    }

    /** DocSpace's server reads a body sent as {@code text/json} as JSON, and so does its dialect here. */
    @Bean
    OpenApiCustomizer docSpaceTextJsonBodies() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (Dialect.of(path) == Dialect.ONLYOFFICE) {
                    item.readOperations().stream()
                            .map(Operation::getRequestBody)
                            .filter(body -> body != null && body.getContent() != null
                                    && body.getContent().containsKey(APPLICATION_JSON))
                            .forEach(body -> body.getContent().addMediaType(TEXT_JSON,
                                    new MediaType().schema(body.getContent().get(APPLICATION_JSON).getSchema())));
                }
            });
        };
    }
}
