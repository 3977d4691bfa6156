package dev.membership.web.evo;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Builds Evo's {@code links} for limit/offset pages as absolute URLs on the route's canonical path, so a
 * deprecated twin answers exactly like its current route.
 */
public final class EvoPaging {

    public static final int DEFAULT_LIMIT = 20;
    /** Evo deprecates limits over 100 but still serves them; the service caps them here. */
    public static final int MAX_LIMIT = 1000;

    private EvoPaging() {
    }

    public static EvoModels.Links links(String path, int offset, int limit, int count, boolean hasMore) {
        String previous = offset == 0 ? null : url(path, Math.max(0, offset - limit), limit);
        String next = hasMore ? url(path, offset + limit, limit) : null;
        return new EvoModels.Links(count, url(path, 0, limit), next, previous);
    }

    private static String url(String path, int offset, int limit) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(path)
                .replaceQueryParam("limit", limit)
                .replaceQueryParam("offset", offset)
                .build()
                .toUriString();
    }
}
