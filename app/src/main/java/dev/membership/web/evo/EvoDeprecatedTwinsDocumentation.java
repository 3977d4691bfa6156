package dev.membership.web.evo;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Marks Evo's deprecated twins (E1d to E4d: the same routes without {@code /users}) deprecated in the OpenAPI
 * document, as Evo's own document does, and names each as Evo does: its current route's operation id with
 * {@code _deprecated}. Each twin shares its current route's handler, so no annotation can tell them apart.
 */
@Component
class EvoDeprecatedTwinsDocumentation implements OpenApiCustomizer {

    /** Each twin's path, and its current route's. */
    static final Map<String, String> TWINS = Map.of(
            "/workspace/orgs/{org_id}/members", "/workspace/orgs/{org_id}/members/users",
            "/workspace/orgs/{org_id}/members/{user_id}", "/workspace/orgs/{org_id}/members/users/{user_id}");

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        TWINS.forEach((twinPath, currentPath) -> {
            PathItem twin = openApi.getPaths().get(twinPath);
            PathItem current = openApi.getPaths().get(currentPath);
            if (twin == null || current == null) {
                return;
            }
            twin.readOperationsMap().forEach((method, operation) -> {
                operation.setDeprecated(true);
                Operation currentOperation = current.readOperationsMap().get(method);
                if (currentOperation != null && currentOperation.getOperationId() != null) {
                    // both routes carry the handler's id, the second made unique with "_1" by the document's builder
                    String id = currentOperation.getOperationId().replaceFirst("_\\d+$", "");
                    currentOperation.setOperationId(id);
                    operation.setOperationId(id + "_deprecated");
                }
            });
        });
    }
}
