package dev.membership.web.error;

/** The API dialects the service speaks, told apart by their base paths. */
public enum Dialect {
    EVO("/workspace/"),
    ONLYOFFICE("/docspace/"),
    CLOUDFLARE("/client/v4/"),
    NATIVE("/");

    private final String basePath;

    Dialect(String basePath) {
        this.basePath = basePath;
    }

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
