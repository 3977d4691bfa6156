package dev.membership.infra.http;

import dev.membership.web.error.ApiErrors;
import dev.membership.web.error.ErrorResponder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The management endpoints answer some refusals with a status and no body (a health component or a metric that does
 * not exist is a bare 404). Such an answer gets the native error body every other refusal carries. Answers pass
 * through as they are written (a heap dump is not held in memory); only a refusal with nothing written yet is kept
 * from being sent bare until the endpoint has returned. A health check that is down keeps its own body.
 */
public class ManagementErrorBodyFilter extends OncePerRequestFilter {

    private final ErrorResponder errors;
    private final String basePath;

    /** @param basePath where the management endpoints are served ({@code management.endpoints.web.base-path}) */
    public ManagementErrorBodyFilter(ErrorResponder errors, String basePath) {
        this.errors = errors;
        this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "HEAD".equals(request.getMethod()) || !(path.equals(basePath) || path.startsWith(basePath + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Watched watched = new Watched(response);
        chain.doFilter(request, watched);
        if (watched.getStatus() >= 400 && !watched.written && !response.isCommitted()) {
            errors.write(ApiErrors.forStatus(watched.getStatus()), request, response);
        }
    }

    /** The response, noting whether a byte of a body was written; a refusal with none yet is not sent bare. */
    private static final class Watched extends HttpServletResponseWrapper {

        private boolean written;
        private ServletOutputStream out;

        Watched(HttpServletResponse response) {
            super(response);
        }

        private boolean bareRefusal() {
            return !written && getStatus() >= 400;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!bareRefusal()) {
                super.flushBuffer();
            }
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            written = true; // a writer is asked for to write with
            return super.getWriter();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (out == null) {
                ServletOutputStream body = super.getOutputStream();
                out = new ServletOutputStream() {
                    @Override
                    public boolean isReady() {
                        return body.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        body.setWriteListener(listener);
                    }

                    @Override
                    public void write(int b) throws IOException {
                        written = true;
                        body.write(b);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        written |= length > 0;
                        body.write(bytes, offset, length);
                    }

                    @Override
                    public void flush() throws IOException {
                        if (!bareRefusal()) {
                            body.flush();
                        }
                    }

                    @Override
                    public void close() throws IOException {
                        if (!bareRefusal()) {
                            body.close();
                        }
                    }
                };
            }
            return out;
        }
    }
}
