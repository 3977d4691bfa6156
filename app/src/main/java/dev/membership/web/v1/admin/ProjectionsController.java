package dev.membership.web.v1.admin;

import dev.membership.api.shared.Actor;
import dev.membership.infra.projection.ProjectionRebuilder;
import dev.membership.infra.projection.ProjectionStatus;
import dev.membership.security.OrganizationAccess;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Platform admins list the read models and rebuild any of them while the service serves. */
@RestController
class ProjectionsController {

    private final ProjectionRebuilder rebuilder;
    private final OrganizationAccess access;

    ProjectionsController(ProjectionRebuilder rebuilder, OrganizationAccess access) {
        this.rebuilder = rebuilder;
        this.access = access;
    }

    /** Every read model's state: its position, the store's head, and its last rebuild. */
    @Operation(operationId = "listProjections")
    @GetMapping("/v1/admin/projections")
    List<ProjectionStatus> list(Actor actor) {
        access.requirePlatformAdmin(actor);
        return rebuilder.statuses();
    }

    /** One read model's state; for {@code audit}, {@code position} is the audit log's watermark. */
    @Operation(operationId = "getProjection")
    @GetMapping("/v1/admin/projections/{name}")
    ProjectionStatus get(@PathVariable String name, Actor actor) {
        access.requirePlatformAdmin(actor);
        return rebuilder.status(name);
    }

    /** Starts a rebuild of every read model, in one pass over the events, and answers 202 with their progress. */
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(operationId = "rebuildAllProjections")
    @PostMapping("/v1/admin/projections/rebuild")
    ResponseEntity<List<ProjectionStatus>> rebuildAll(Actor actor) {
        access.requirePlatformAdmin(actor);
        return ResponseEntity.accepted().header("Location", "/v1/admin/projections").body(rebuilder.rebuildAll());
    }

    /** Starts the rebuild and answers 202 with its progress; follow it with GET. */
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(operationId = "rebuildProjection")
    @PostMapping("/v1/admin/projections/{name}/rebuild")
    ResponseEntity<ProjectionStatus> rebuild(@PathVariable String name, Actor actor) {
        access.requirePlatformAdmin(actor);
        return ResponseEntity.accepted().header("Location", "/v1/admin/projections/" + name).body(rebuilder.rebuild(name));
    }
}
