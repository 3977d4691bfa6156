package dev.membership.web.error;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.catalina.connector.ClientAbortException;
import org.apache.coyote.BadRequestException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Translates every exception a request can raise into the service's error vocabulary, in one place. */
public final class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    public static ApiError from(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof MembershipException e) {
            return new ApiError(e.code(), e.getMessage(), e.invalidParams());
        }
        if (cause instanceof AggregateNotFoundException) {
            return ApiError.of(ErrorCode.ORGANIZATION_NOT_FOUND);
        }
        if (cause instanceof AggregateStreamCreationException) {
            return ApiError.of(ErrorCode.ORGANIZATION_ALREADY_EXISTS);
        }
        if (cause instanceof ConcurrencyException) {
            return ApiError.of(ErrorCode.CONCURRENT_MODIFICATION);
        }
        if (cause instanceof HttpMessageNotReadableException e) {
            return unreadable(e);
        }
        if (cause instanceof MethodArgumentNotValidException e) {
            List<InvalidParam> params = new ArrayList<>();
            Class<?> target = e.getBindingResult().getTarget() == null ? null : e.getBindingResult().getTarget().getClass();
            e.getBindingResult().getFieldErrors().forEach(error ->
                    params.add(new InvalidParam(JsonNames.of(target, error.getField()), error.getDefaultMessage())));
            e.getBindingResult().getGlobalErrors().forEach(error ->
                    params.add(new InvalidParam(error.getObjectName(), error.getDefaultMessage())));
            return ApiError.invalid(ErrorCode.INVALID_REQUEST, "The request body is not valid.", inOrder(params));
        }
        if (cause instanceof HandlerMethodValidationException e) {
            List<InvalidParam> params = new ArrayList<>();
            e.getParameterValidationResults().forEach(result -> {
                if (result instanceof ParameterErrors body) {
                    // a request body checked along with the method's other parameters: its fields, named as in JSON
                    Class<?> target = body.getArgument() == null ? null : body.getArgument().getClass();
                    body.getFieldErrors().forEach(error ->
                            params.add(new InvalidParam(JsonNames.of(target, error.getField()), error.getDefaultMessage())));
                    body.getGlobalErrors().forEach(error -> params.add(new InvalidParam("body", error.getDefaultMessage())));
                    return;
                }
                String name = wireName(result.getMethodParameter());
                result.getResolvableErrors().forEach(error -> params.add(new InvalidParam(name, error.getDefaultMessage())));
            });
            boolean bodyOnly = e.getParameterValidationResults().stream().allMatch(result -> result instanceof ParameterErrors);
            return ApiError.invalid(ErrorCode.INVALID_REQUEST,
                    bodyOnly ? "The request body is not valid." : "The request parameters are not valid.", inOrder(params));
        }
        if (cause instanceof MethodArgumentTypeMismatchException e) {
            String expected = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
            return ApiError.invalid(ErrorCode.INVALID_REQUEST, "Parameter '" + e.getName() + "' is not a valid " + expected + ".",
                    List.of(new InvalidParam(e.getName(), "Not a valid " + expected.toLowerCase(java.util.Locale.ROOT))));
        }
        if (cause instanceof MissingServletRequestParameterException e) {
            return ApiError.invalid(ErrorCode.INVALID_REQUEST, "Parameter '" + e.getParameterName() + "' is required.",
                    List.of(new InvalidParam(e.getParameterName(), "Field required")));
        }
        if (cause instanceof MissingRequestHeaderException e) {
            return ApiError.invalid(ErrorCode.INVALID_REQUEST, "Header '" + e.getHeaderName() + "' is required.",
                    List.of(new InvalidParam(e.getHeaderName(), "Header required")));
        }
        if (cause instanceof HttpRequestMethodNotSupportedException e) {
            return ApiError.of(ErrorCode.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here.");
        }
        if (cause instanceof HttpMediaTypeNotSupportedException) {
            return ApiError.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
        }
        if (cause instanceof HttpMediaTypeNotAcceptableException) {
            return ApiError.of(ErrorCode.NOT_ACCEPTABLE);
        }
        if (cause instanceof MaxUploadSizeExceededException) {
            return ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE);
        }
        if (cause instanceof RequestRejectedException) {
            // the detail does not repeat the refused value, which may be a token
            return ApiError.of(ErrorCode.MALFORMED_REQUEST,
                    "The request has a method, host, path, header or parameter that is not allowed.");
        }
        // before BadRequestException, of which Tomcat's ClientAbortException is a kind
        if (bodyStopped(cause)) {
            return ApiError.of(ErrorCode.MALFORMED_REQUEST,
                    "The request body ended before its declared length, or stopped arriving; send it whole.");
        }
        if (cause instanceof BadRequestException) {
            // the server could not read the body as sent: a broken chunk, say
            return ApiError.of(ErrorCode.MALFORMED_REQUEST,
                    "The request body could not be read as sent; check its chunked transfer coding.");
        }
        if (cause instanceof AsyncRequestTimeoutException) {
            return ApiError.of(ErrorCode.UNAVAILABLE, "The answer took too long to prepare; try again, or ask for less.");
        }
        if (cause instanceof AuthenticationServiceException || cause instanceof JwtDecoderInitializationException) {
            // the token could not be verified for now: the identity provider's keys are out of reach, say
            log.warn("Tokens cannot be verified: {}", cause.toString());
            return ApiError.of(ErrorCode.UNAVAILABLE, "The bearer token cannot be verified for now; try again.");
        }
        if (cause instanceof NoResourceFoundException || cause instanceof NoHandlerFoundException) {
            return ApiError.of(ErrorCode.NOT_FOUND, "No such resource.");
        }
        if (overTransactionTime(cause)) {
            log.warn("Write over its time: {}", cause.toString());
            return ApiError.of(ErrorCode.UNAVAILABLE, "The write took longer than it may and was not stored; try again.");
        }
        if (cancelled(cause)) {
            log.warn("Query over its time: {}", cause.toString());
            return ApiError.of(ErrorCode.UNAVAILABLE,
                    "A statement took longer than it may; if the request asked for a large page or a long history,"
                            + " ask for less; else try again.");
        }
        if (cause instanceof DataAccessResourceFailureException
                || cause instanceof TransientDataAccessException
                || lostDatabase(cause)) {
            log.warn("Storage unavailable: {}", cause.toString());
            return ApiError.of(ErrorCode.UNAVAILABLE);
        }
        log.error("Unexpected failure", failure);
        return ApiError.of(ErrorCode.INTERNAL);
    }

    /**
     * The error for a status the servlet container chose by itself, with no exception to tell more: a request it
     * could not parse or route, an HTTP version, method or transfer coding it does not implement (501, 505: a 400
     * here, as the client can send the request again in a form the service reads), or a failure of its own.
     */
    public static ApiError forStatus(int status) {
        return switch (status) {
            case 400 -> ApiError.of(ErrorCode.MALFORMED_REQUEST, "The request line or its headers are not valid.");
            case 401 -> ApiError.of(ErrorCode.UNAUTHENTICATED);
            case 403 -> ApiError.of(ErrorCode.FORBIDDEN);
            case 404 -> ApiError.of(ErrorCode.NOT_FOUND, "No such resource.");
            case 405 -> ApiError.of(ErrorCode.METHOD_NOT_ALLOWED);
            case 406 -> ApiError.of(ErrorCode.NOT_ACCEPTABLE);
            case 413 -> ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE);
            case 415 -> ApiError.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
            case 501, 505 -> ApiError.of(ErrorCode.MALFORMED_REQUEST,
                    "The request uses an HTTP version, method or transfer coding the service does not support;"
                            + " send it as HTTP/1.1 or HTTP/2 with a supported method, chunked or with a Content-Length.");
            case 503 -> ApiError.of(ErrorCode.UNAVAILABLE);
            default -> status >= 400 && status < 500
                    ? ApiError.of(ErrorCode.MALFORMED_REQUEST, "The request is not valid.") : ApiError.of(ErrorCode.INTERNAL);
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (true) {
            if (current instanceof HandlerExecutionException e && e.getDetails().isPresent()
                    && e.getDetails().get() instanceof MembershipException details) {
                return details;
            }
            Throwable next = null;
            if (current instanceof CompletionException || current instanceof ExecutionException
                    || current instanceof HandlerExecutionException) {
                next = current.getCause();
            }
            if (next == null || next == current) {
                return current;
            }
            current = next;
        }
    }

    /**
     * Whether the failure comes from an unreachable database, whoever wrapped it: Spring's transaction manager when
     * no connection can be had, Axon's event store around the driver's exception, or the driver itself (SQLSTATE
     * class 08, connection exception, and 57P01 to 57P03, the server shutting down or starting).
     */
    static boolean lostDatabase(Throwable failure) {
        return anyCause(failure, t -> t instanceof CannotCreateTransactionException
                || t instanceof DataAccessResourceFailureException
                || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))
                // Hikari's stand-in for a connection it evicted as broken, used by the rest of that transaction
                || t instanceof SQLException sql && sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage()));
    }

    /**
     * Whether a statement ran out of its time: a query's deadline passed before it was sent, or PostgreSQL cancelled
     * it (SQLSTATE 57014, from the query's timeout or a {@code statement_timeout} on the role).
     */
    static boolean cancelled(Throwable failure) {
        return anyCause(failure, t -> t instanceof QueryTimeoutException || t instanceof java.sql.SQLTimeoutException
                || t instanceof SQLException sql && "57014".equals(sql.getSQLState()));
    }

    /**
     * Whether PostgreSQL ended a write's transaction at the commands' transaction timeout (SQLSTATE 25P04): it did not
     * commit, and the session it ran in is gone.
     */
    static boolean overTransactionTime(Throwable failure) {
        return anyCause(failure, t -> t instanceof SQLException sql && "25P04".equals(sql.getSQLState()));
    }

    /** Whether the failure or anything in its chain of causes passes the test (a cause seen twice ends the walk). */
    private static boolean anyCause(Throwable failure, java.util.function.Predicate<Throwable> test) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The connection gave out while the body was read: the client closed its side before the length it declared (or
     * before a chunked body's last chunk), or sent nothing more for the server's read timeout. Tomcat reports either
     * as an I/O failure of the read, not as a malformed request.
     */
    private static boolean bodyStopped(Throwable cause) {
        // the failure itself, not a cause within it: a database connection's timeout is wrapped, and answers 503
        return cause instanceof EOFException || cause instanceof SocketTimeoutException || cause instanceof ClientAbortException;
    }

    private static ApiError unreadable(HttpMessageNotReadableException e) {
        // a body of no declared length that ran past the limit as it was read (RequestBodyLimitFilter)
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof MaxUploadSizeExceededException) {
                return ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE);
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof InvalidFormatException format) {
            return ApiError.invalid(ErrorCode.INVALID_REQUEST, "The request body has a value of the wrong type.",
                    List.of(new InvalidParam(path(format), "Not a valid " + typeName(format.getTargetType()))));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return ApiError.invalid(ErrorCode.INVALID_REQUEST, "The request body has a value of the wrong type.",
                    List.of(new InvalidParam(path(mismatch), "Expected " + typeName(mismatch.getTargetType()))));
        }
        if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && (String.valueOf(mismatch.getOriginalMessage()).startsWith("Cannot deserialize value of type")
                        || String.valueOf(mismatch.getOriginalMessage()).startsWith("Cannot construct instance of"))) {
            // valid JSON, of another type than the body's: an array where an object is read, say
            String expected = typeName(mismatch.getTargetType());
            return ApiError.invalid(ErrorCode.INVALID_REQUEST, "The request body must be a JSON " + expected + ".",
                    List.of(new InvalidParam("body", "Expected " + expected)));
        }
        if (cause instanceof JsonProcessingException json) {
            JsonLocation location = json.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            return ApiError.invalid(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON" + where + ".",
                    List.of(new InvalidParam("body", "Malformed JSON" + where)));
        }
        return ApiError.invalid(ErrorCode.MALFORMED_REQUEST, "A JSON request body is required.",
                List.of(new InvalidParam("body", "Field required")));
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == java.util.UUID.class) {
            return "uuid";
        }
        return type.isRecord() || java.util.Map.class.isAssignableFrom(type) ? "object" : "value";
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }


    /** A parameter as the request names it: the query parameter's, path variable's or header's name. */
    private static String wireName(MethodParameter parameter) {
        RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
        if (pathVariable != null && !pathVariable.name().isEmpty()) {
            return pathVariable.name();
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        return parameter.getParameterName();
    }

    /**
     * Invalid parameters by name, then reason: the validator finds them in no fixed order, and the same request
     * answers the same list every time.
     */
    private static List<InvalidParam> inOrder(List<InvalidParam> params) {
        return params.stream().sorted(Comparator.comparing(InvalidParam::name, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(InvalidParam::reason, Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
    }
}
