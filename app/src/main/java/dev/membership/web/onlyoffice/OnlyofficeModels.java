package dev.membership.web.onlyoffice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.membership.web.format.UtcTimestamps;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** DocSpace wire shapes: camelCase, integer enums, {@code ApiDateTime} strings, null members left out. */
public final class OnlyofficeModels {

    /** {@code EmployeeStatus.Active}. */
    public static final int STATUS_ACTIVE = 1;
    /** {@code EmployeeActivationStatus.Activated} and {@code .Pending}. */
    public static final int ACTIVATION_ACTIVATED = 1;
    public static final int ACTIVATION_PENDING = 2;

    private OnlyofficeModels() {
    }

    public static String apiDateTime(Instant instant) {
        return UtcTimestamps.format(instant, 7);
    }

    /** The success envelope, typed by its {@code response} so that the OpenAPI document describes each route's. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"response", "count", "total", "links", "status", "statusCode"})
    public record DocSpaceEnvelope<T>(T response, Integer count, Long total, List<Link> links, int status, int statusCode) {
    }

    public record Link(String href, String action) {
    }

    public record ErrorEnvelope(ErrorBody error, int status, int statusCode) {
    }

    public record ErrorBody(String message, String type, String stack, int hresult) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "parent", "category", "id", "isLDAP", "manager", "members", "membersCount"})
    public record GroupDto(String name, UUID parent, UUID category, UUID id, boolean isLDAP, EmployeeFullDto manager,
            List<EmployeeFullDto> members, long membersCount) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupSummaryDto(UUID id, String name, String manager) {
    }

    /** The user field set of DocSpace server 3.6; fields the service has no value for are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "displayName", "title", "avatar", "avatarOriginal", "avatarMax", "avatarMedium",
            "avatarSmall", "profileUrl", "hasAvatar", "isAnonim", "firstName", "lastName", "userName", "email",
            "status", "activationStatus", "groups", "isAdmin", "isRoomAdmin", "isLDAP", "isOwner", "isVisitor",
            "isCollaborator", "mobilePhoneActivationStatus", "isSSO", "theme", "registrationDate"})
    public record EmployeeFullDto(
            UUID id,
            String displayName,
            String title,
            String avatar,
            String avatarOriginal,
            String avatarMax,
            String avatarMedium,
            String avatarSmall,
            String profileUrl,
            boolean hasAvatar,
            boolean isAnonim,
            String firstName,
            String lastName,
            String userName,
            String email,
            int status,
            int activationStatus,
            List<GroupSummaryDto> groups,
            boolean isAdmin,
            boolean isRoomAdmin,
            boolean isLDAP,
            boolean isOwner,
            boolean isVisitor,
            boolean isCollaborator,
            int mobilePhoneActivationStatus,
            boolean isSSO,
            String theme,
            String registrationDate) {
    }
}
