package dev.membership.web.cloudflare;

import dev.membership.web.cloudflare.CloudflareModels.ResultInfo;

/** Cloudflare's {@code page}/{@code per_page}: pages count from 1; a page past the end is empty, not an error. */
public final class CloudflarePaging {

    public static final String DIRECTION = "asc|desc";

    private CloudflarePaging() {
    }

    public static int offset(int page, int perPage) {
        return (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * perPage);
    }

    public static ResultInfo info(int page, int perPage, int count, long total) {
        return new ResultInfo(page, perPage, count, total);
    }
}
