package dev.membership.query;

import java.util.Locale;

/**
 * The {@code OFFSET ... LIMIT ...} of a list page: written into the statement's text for a first page, bound as
 * {@code :offset} and {@code :limit} for any other, which the caller binds either way (unused names are ignored).
 *
 * <p>The JDBC driver prepares a statement run often on a connection once, and PostgreSQL then decides whether to plan it
 * again for every set of parameters or to keep one plan for all. With the window bound, the kept plan is priced as if
 * a tenth of the organization's rows were wanted, so PostgreSQL planned every page anew, which for a first page took
 * longer than running it. A first page with its limit in the text has the organization or group as its only
 * parameter, and its kept plan, a walk of a few index entries, serves any organization: it is planned once per
 * connection. A deeper page stays bound: a plan kept for an average organization can read a large one's rows whole and
 * sort them (a group's page at offset 9,900 took 12 ms that way instead of 3), so it is planned for the one at hand.
 */
public final class PageWindow {

    /**
     * The offset in the arithmetic that decides which end a page is read from: a bigint, so that an offset near the
     * largest a client may send (2^31 - 1) is an empty page past the end, not an integer out of range.
     */
    private static final String OFFSET = "CAST(:offset AS bigint)";

    private PageWindow() {
    }

    public static String of(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("A page starts at 0 or later and holds 0 or more rows, not offset "
                    + offset + " and limit " + limit);
        }
        return offset == 0 ? "LIMIT " + limit : "OFFSET :offset LIMIT :limit";
    }

    /**
     * The ids of a page as an array, read from whichever end of their order is nearer. An offset walks every row before
     * the page, so past the middle the page is read backwards from the last row instead, and the walk is of the rows
     * after it: a page near the end of 10,000 rows costs about what the first page does, and no page walks more than
     * half the rows. {@code ids} selects the ids and the rows that may be listed ({@code SELECT id FROM ... WHERE ...}),
     * {@code order} orders them (its last key unique, no {@code NULLS} clause), and {@code count} is a statement that
     * counts those same rows on the same snapshot: a count kept in a read model written in the same transactions as the
     * rows, so that deciding costs a look-up, not a count. Without a count (a filter no kept count follows) the page
     * is read from the start. Pair with {@link #positions}, which puts the page back in order.
     */
    public static String idsFromNearerEnd(String ids, String order, String count, int offset, int limit) {
        String window = of(offset, limit);
        String forward = "ARRAY(" + ids + " ORDER BY " + order + " " + window + ")";
        if (offset == 0 || count == null) {
            return forward;
        }
        return "CASE WHEN " + pastTheMiddle(count) + " THEN ARRAY(" + ids + " ORDER BY " + reversed(order)
                + " OFFSET GREATEST((" + count + ") - " + OFFSET + " - :limit, 0)"
                + " LIMIT GREATEST(LEAST(:limit, (" + count + ") - " + OFFSET + "), 0)) ELSE " + forward + " END";
    }

    /** The order of a page's rows by their place {@code n} in the array of {@link #idsFromNearerEnd}. */
    public static String positions(String n, String count, int offset) {
        if (offset == 0 || count == null) {
            return n;
        }
        return "CASE WHEN " + pastTheMiddle(count) + " THEN -" + n + " ELSE " + n + " END";
    }

    /** Whether fewer rows come after the page than before it. */
    private static String pastTheMiddle(String count) {
        return "2 * " + OFFSET + " + :limit > (" + count + ")";
    }

    /** An {@code ORDER BY} list with every key's direction turned round. */
    static String reversed(String order) {
        StringBuilder turned = new StringBuilder();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= order.length(); i++) {
            char c = i < order.length() ? order.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String key = order.substring(start, i).strip();
                String upper = key.toUpperCase(Locale.ROOT);
                if (upper.contains(" NULLS ")) {
                    throw new IllegalArgumentException("An order with a NULLS clause cannot be turned round: " + order);
                }
                turned.append(turned.isEmpty() ? "" : ", ").append(upper.endsWith(" DESC")
                        ? key.substring(0, key.length() - 5) + " ASC"
                        : upper.endsWith(" ASC") ? key.substring(0, key.length() - 4) + " DESC" : key + " DESC");
                start = i + 1;
            }
        }
        return turned.toString();
    }
}
