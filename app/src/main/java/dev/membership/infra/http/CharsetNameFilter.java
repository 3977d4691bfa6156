package dev.membership.infra.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A {@code Content-Type} whose {@code charset} is no charset name at all ({@code charset=}, {@code charset=*},
 * {@code charset='utf8'}) would fail everything that later decodes the request's path with it, refusals included. The
 * request goes on as one that names no charset, marked so: {@link RequestBodyLimitFilter} refuses its body with 415,
 * as it refuses a body in a charset the service does not know, and a request without a body is served. This runs first
 * of all filters; it answers nothing itself.
 */
public class CharsetNameFilter extends OncePerRequestFilter {

    /** The request attribute holding the charset parameter that names no charset. */
    static final String NO_CHARSET_NAME = CharsetNameFilter.class.getName() + ".noName";

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false; // the error page decodes the path too
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String charset = request.getCharacterEncoding();
        if (charset == null || named(charset)) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(NO_CHARSET_NAME, charset);
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getCharacterEncoding() {
                return null;
            }
        }, response);
    }

    /** Whether {@code charset} is a legal charset name, whether or not this runtime knows the charset. */
    static boolean named(String charset) {
        try {
            Charset.isSupported(charset);
            return true;
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    /** Whether {@code charset} names a charset this runtime can read. */
    static boolean readable(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
