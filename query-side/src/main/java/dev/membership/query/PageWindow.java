package dev.membership.query;

/**
 * The {@code OFFSET ... LIMIT ...} of a list page, written into the statement's text rather than bound.
 *
 * <p>The JDBC driver prepares a statement run often on a connection once, and PostgreSQL then decides whether to plan it
 * again for every set of parameters or to keep one plan for all. With the offset and limit as parameters, the kept
 * plan is priced as if a tenth of the organization's rows were wanted, so PostgreSQL planned most list pages anew on
 * every request, which took longer than running them. With both in the text, the organization or group is the only
 * parameter, the kept plan costs what a fresh one does, and it is kept: a first page, the one asked most, is planned
 * once per connection. Each other offset is a statement of its own, planned when it runs, as every page was before.
 */
public final class PageWindow {

    private PageWindow() {
    }

    public static String of(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("A page starts at 0 or later and holds 0 or more rows, not offset "
                    + offset + " and limit " + limit);
        }
        return "OFFSET " + offset + " LIMIT " + limit;
    }
}
