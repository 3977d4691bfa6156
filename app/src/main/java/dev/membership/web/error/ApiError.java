package dev.membership.web.error;

import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import java.util.List;

/** A failure in the service's own vocabulary, before a dialect gives it a status and a body. */
public record ApiError(ErrorCode code, String detail, List<InvalidParam> invalidParams) {

    public ApiError {
        detail = detail == null ? code.defaultDetail() : detail;
        invalidParams = invalidParams == null ? List.of() : List.copyOf(invalidParams);
    }

    public static ApiError of(ErrorCode code) {
        return new ApiError(code, code.defaultDetail(), List.of());
    }

    public static ApiError of(ErrorCode code, String detail) {
        return new ApiError(code, detail, List.of());
    }

    public static ApiError invalid(ErrorCode code, String detail, List<InvalidParam> params) {
        return new ApiError(code, detail, params);
    }
}
