package dev.membership.infra.http;

import dev.membership.api.shared.ErrorCode;
import dev.membership.web.error.ApiError;
import dev.membership.web.error.ErrorResponder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Refuses request bodies over the limit with 413 in the dialect's shape. A declared {@code Content-Length} is checked
 * up front, before anything reads the body; a chunked body is counted as it is read, and its reader fails once past the
 * limit (one whose chunks cannot be read is a 400, from {@code ApiErrors}). A {@code Content-Type} naming no one type ({@code *}{@code /*},
 * {@code application/*}) on a request with a body describes no body the service could read: 415; so does a charset it
 * cannot read, or one that is no charset name ({@link CharsetNameFilter}).
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final ErrorResponder errors;
    private final int maxBodyBytes;

    public RequestBodyLimitFilter(ErrorResponder errors, int maxBodyBytes) {
        this.errors = errors;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (hasBody && wildcardContentType(request.getContentType())) {
            errors.write(ApiError.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type names no one type; send the body as application/json."), request, response);
            return;
        }
        if (hasBody && request.getAttribute(CharsetNameFilter.UNREADABLE_CHARSET) != null) {
            errors.write(ApiError.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type names a charset the service cannot read; send the body as UTF-8 JSON."), request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            refuse(request, response);
            return;
        }
        if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
            // counted as it is read, by whoever reads it once the caller is known: a stranger's chunked body is not
            // read at all (401), and no one's is held in memory here
            chain.doFilter(new CountedBodyRequest(request, maxBodyBytes), response);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * A request whose body, of no declared length, fails its reader past the limit: {@link MaxUploadSizeExceededException}
     * answers 413 in the dialect's shape ({@code ApiErrors}) wherever it is read. A broken chunk fails its reader too (400).
     */
    static final class CountedBodyRequest extends HttpServletRequestWrapper {

        private final long maxBodyBytes;
        private ServletInputStream counted;

        CountedBodyRequest(HttpServletRequest request, long maxBodyBytes) {
            super(request);
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                ServletInputStream body = super.getInputStream();
                counted = new ServletInputStream() {
                    private long read;

                    @Override
                    public boolean isFinished() {
                        return body.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return body.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        body.setReadListener(listener);
                    }

                    @Override
                    public int read() throws IOException {
                        int next = body.read();
                        if (next >= 0) {
                            count(1);
                        }
                        return next;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = body.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) {
                        read += n;
                        if (read > maxBodyBytes) {
                            throw new MaxUploadSizeExceededException(maxBodyBytes);
                        }
                    }
                };
            }
            return counted;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding()));
        }
    }

    private static boolean wildcardContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
        int slash = type.indexOf('/');
        return type.equals("*") || slash >= 0 && (type.substring(0, slash).strip().equals("*")
                || type.substring(slash + 1).strip().equals("*"));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        errors.write(tooLarge(maxBodyBytes), request, response);
    }

    /** The refusal of a body longer than {@code maxBodyBytes}, found before it is read or as it is read. */
    static ApiError tooLarge(int maxBodyBytes) {
        return ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBodyBytes + " bytes.");
    }
}
