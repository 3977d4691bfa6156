package dev.membership.web.evo;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Marks Evo's deprecated twins (E1d to E4d: the same routes without {@code /users}) deprecated in the OpenAPI
 * document, as Evo's own document does; each shares its current route's handler, so no annotation can tell them apart.
 */
@Component
class EvoDeprecatedTwinsDocumentation implements OpenApiCustomizer {

    static final Set<String> TWINS = Set.of("/workspace/orgs/{org_id}/members", "/workspace/orgs/{org_id}/members/{user_id}");

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (TWINS.contains(path)) {
                item.readOperations().forEach(operation -> operation.setDeprecated(true));
            }
        });
    }
}
