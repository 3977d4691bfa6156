package dev.membership.api.shared;

import java.util.List;

/**
 * A business refusal, raised on either side and rendered by each dialect from its {@link ErrorCode}.
 * Nothing is written when one is thrown.
 */
public class MembershipException extends RuntimeException {

    private final ErrorCode code;
    private final List<InvalidParam> invalidParams;

    public MembershipException(ErrorCode code) {
        this(code, code.defaultDetail(), List.of());
    }

    public MembershipException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public MembershipException(ErrorCode code, String detail, List<InvalidParam> invalidParams) {
        super(detail, null, false, false);
        this.code = code;
        this.invalidParams = List.copyOf(invalidParams);
    }

    public ErrorCode code() {
        return code;
    }

    public List<InvalidParam> invalidParams() {
        return invalidParams;
    }
}
