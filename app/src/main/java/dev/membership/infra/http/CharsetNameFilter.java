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
 * {@code charset='utf8'}) would fail everything that later decodes the request's path with it, refusals included: the
 * request goes on as one that names no charset. A request whose {@code charset} the service cannot read (no name, or
 * one this runtime does not know) is marked, as its {@code Content-Type} header says it, whatever a later filter sets
 * the request's encoding to: {@link RequestBodyLimitFilter} refuses its body with 415 before it is read, and a request
 * without a body is served. This runs first of all filters; it answers nothing itself.
 */
public class CharsetNameFilter extends OncePerRequestFilter {

    /** The request attribute holding the charset its Content-Type names, when the service cannot read it. */
    static final String UNREADABLE_CHARSET = CharsetNameFilter.class.getName() + ".unreadable";

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false; // the error page decodes the path too
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String named = charsetOf(request.getContentType());
        if (named != null && !readable(named)) {
            request.setAttribute(UNREADABLE_CHARSET, named);
        }
        String charset = request.getCharacterEncoding();
        if (charset == null || named(charset)) {
            chain.doFilter(request, response);
            return;
        }
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

    /** The {@code charset} parameter of a {@code Content-Type}, unquoted; {@code null} if it has none. */
    static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals > 0 && parts[i].substring(0, equals).strip().equalsIgnoreCase("charset")) {
                String value = parts[i].substring(equals + 1).strip();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
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
