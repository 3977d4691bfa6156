package dev.membership.infra;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document: every route needs a bearer JWT; the calling actor is not a request parameter. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

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
}
