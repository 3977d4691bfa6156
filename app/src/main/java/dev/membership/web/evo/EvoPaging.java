package dev.membership.web.evo;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Builds Evo's {@code links} for limit/offset pages, as absolute URLs of the current request. */
public final class EvoPaging {

    public static final int DEFAULT_LIMIT = 20;
    /** Evo deprecates limits over 100 but still serves them; the service caps them here. */
    public static final int MAX_LIMIT = 1000;

    private EvoPaging() {
    }

    public static EvoModels.Links links(int offset, int limit, int count, boolean hasMore) {
        String previous = offset == 0 ? null : url(Math.max(0, offset - limit), limit);
        String next = hasMore ? url(offset + limit, limit) : null;
        return new EvoModels.Links(count, url(0, limit), next, previous);
    }

    private static String url(int offset, int limit) {
        return ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("limit", limit)
                .replaceQueryParam("offset", offset)
                .build()
                .toUriString();
    }
}
