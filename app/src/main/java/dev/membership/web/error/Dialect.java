package dev.membership.web.error;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UrlPathHelper;

/** The API dialects the service speaks, told apart by their base paths. */
public enum Dialect {
    EVO("/workspace/", "Evo Workspaces"),
    ONLYOFFICE("/docspace/", "ONLYOFFICE DocSpace"),
    CLOUDFLARE("/client/v4/", "Cloudflare"),
    NATIVE("/", "Native");

    private final String basePath;
    private final String title;

    Dialect(String basePath, String title) {
        this.basePath = basePath;
        this.title = title;
    }

    /** The dialect's name for people, as the OpenAPI document groups its routes. */
    public String title() {
        return title;
    }

    /** The dialect of a request, judged as the handler mapping routes it: by its decoded path. */
    public static Dialect of(HttpServletRequest request) {
        return of(path(request));
    }

    /**
     * The request's path within the application, decoded as the handler mapping decodes it, so that
     * {@code /%77orkspace/...} is in the dialect of the route it reaches.
     */
    public static String path(HttpServletRequest request) {
        return UrlPathHelper.defaultInstance.getPathWithinApplication(request);
    }

    /** The dialect of a path within the application, as {@link #path} gives it. */
    public static Dialect of(String requestPath) {
        String path = requestPath == null ? "/" : requestPath;
        for (Dialect dialect : values()) {
            if (dialect != NATIVE && path.startsWith(dialect.basePath)) {
                return dialect;
            }
        }
        return NATIVE;
    }
}
