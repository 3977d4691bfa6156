package dev.membership.infra.audit;

import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.web.error.ApiError;
import dev.membership.web.error.ErrorResponder;
import dev.membership.web.format.HeaderText;
import dev.membership.web.validation.PlainTexts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id ({@code X-Request-Id} when it is well formed, else a new UUID), echoed in
 * the response, and checks the optional {@code X-Audit-Reason}. Both travel to the events the request causes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2) // after the cross-origin checks
public class RequestAuditFilter extends OncePerRequestFilter {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String REASON_HEADER = "X-Audit-Reason";
    public static final int MAX_REASON_LENGTH = 500;
    static final String CORRELATION_ATTRIBUTE = RequestAuditFilter.class.getName() + ".correlationId";
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    private final ErrorResponder errors;

    RequestAuditFilter(ErrorResponder errors) {
        this.errors = errors;
    }

    public static String correlationId(HttpServletRequest request) {
        Object value = request.getAttribute(CORRELATION_ATTRIBUTE);
        return value == null ? null : value.toString();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(REQUEST_ID_HEADER);
        String correlationId = given != null && REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setAttribute(CORRELATION_ATTRIBUTE, correlationId);
        response.setHeader(REQUEST_ID_HEADER, correlationId);

        String reason = HeaderText.asWritten(request.getHeader(REASON_HEADER));
        if (reason != null && (reason.length() > MAX_REASON_LENGTH || !PlainTexts.isPlain(reason, false, true))) {
            errors.write(new ApiError(ErrorCode.INVALID_REQUEST, REASON_HEADER + " must be at most " + MAX_REASON_LENGTH
                            + " characters of plain text that shows something (no control, bidirectional or line-separator characters).",
                    List.of(new InvalidParam(REASON_HEADER, "Too long or not plain text"))), request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
