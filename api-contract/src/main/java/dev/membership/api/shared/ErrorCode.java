package dev.membership.api.shared;

/**
 * The service's one error vocabulary. Each dialect maps a code to its own status and body, once.
 * Codes are stable: clients and the dialect mappers key on them.
 */
public enum ErrorCode {
    UNAUTHENTICATED(Category.UNAUTHENTICATED, "A valid bearer token is required."),
    FORBIDDEN(Category.PERMISSION_DENIED, "The caller lacks the permission for this operation."),
    OWNER_REQUIRED(Category.PERMISSION_DENIED, "Only an Owner can grant or remove the Owner role."),
    NOT_FOUND(Category.NOT_FOUND, "The resource does not exist."),
    ORGANIZATION_NOT_FOUND(Category.NOT_FOUND, "The organization does not exist."),
    USER_NOT_FOUND(Category.NOT_FOUND, "The user is not a member of this organization."),
    INVITATION_NOT_FOUND(Category.NOT_FOUND, "The invitation does not exist."),
    GROUP_NOT_FOUND(Category.NOT_FOUND, "The group does not exist."),
    DIRECTORY_GROUP_NOT_FOUND(Category.INVALID_ARGUMENT, "A directory group does not exist."),
    MEMBERSHIP_NOT_FOUND(Category.INVALID_ARGUMENT, "A member id is not a member of this organization."),
    INVITATION_EMAIL_MISMATCH(Category.PERMISSION_DENIED, "The invitation was sent to another email address."),
    INVITATION_REVOKED(Category.FAILED_PRECONDITION, "The invitation was revoked."),
    INVITATION_EXPIRED(Category.FAILED_PRECONDITION, "The invitation has expired."),
    INVITATION_ALREADY_ACCEPTED(Category.FAILED_PRECONDITION, "The invitation was already accepted."),
    INVALID_REQUEST(Category.INVALID_ARGUMENT, "The request is not valid."),
    MALFORMED_REQUEST(Category.MALFORMED, "The request body could not be read."),
    ROLE_NOT_FOUND(Category.INVALID_ARGUMENT, "A role id does not exist in this organization's catalogue."),
    ALREADY_MEMBER(Category.ALREADY_EXISTS, "The user is already a member of this organization."),
    ALREADY_INVITED(Category.ALREADY_EXISTS, "The user already has a pending invitation to this organization."),
    ORGANIZATION_ALREADY_EXISTS(Category.ALREADY_EXISTS, "This id is in use already, by an organization or another record (a group, say); choose another."),
    LAST_OWNER(Category.FAILED_PRECONDITION, "The organization must keep at least one Owner."),
    IDEMPOTENCY_KEY_REUSED(Category.INVALID_ARGUMENT, "This Idempotency-Key was already used for a different request."),
    IDEMPOTENCY_KEY_IN_USE(Category.CONFLICT, "A request with this Idempotency-Key is still being processed; retry later."),
    IDEMPOTENCY_ANSWER_LOST(Category.FAILED_PRECONDITION, "The request with this Idempotency-Key was carried out, but its answer was lost; read the resource to see the outcome."),
    CONCURRENT_MODIFICATION(Category.CONFLICT, "The resource was changed concurrently; retry the request."),
    METHOD_NOT_ALLOWED(Category.METHOD_NOT_ALLOWED, "The method is not allowed on this resource."),
    UNSUPPORTED_MEDIA_TYPE(Category.UNSUPPORTED_MEDIA_TYPE, "The request's content type is not supported."),
    NOT_ACCEPTABLE(Category.NOT_ACCEPTABLE, "None of the accepted response types can be produced."),
    PAYLOAD_TOO_LARGE(Category.PAYLOAD_TOO_LARGE, "The request body is too large."),
    UNAVAILABLE(Category.UNAVAILABLE, "The service is temporarily unavailable; retry later."),
    INTERNAL(Category.INTERNAL, "An unexpected error occurred.");

    private final Category category;
    private final String defaultDetail;

    ErrorCode(Category category, String defaultDetail) {
        this.category = category;
        this.defaultDetail = defaultDetail;
    }

    public Category category() {
        return category;
    }

    public String defaultDetail() {
        return defaultDetail;
    }

    /** Kebab-case slug of the code, used in error type URIs. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Broad kinds of failure; dialects choose statuses per category and refine per code where they must. */
    public enum Category {
        UNAUTHENTICATED, PERMISSION_DENIED, NOT_FOUND, INVALID_ARGUMENT, MALFORMED, ALREADY_EXISTS,
        FAILED_PRECONDITION, CONFLICT, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE, NOT_ACCEPTABLE,
        PAYLOAD_TOO_LARGE, UNAVAILABLE, INTERNAL
    }
}
