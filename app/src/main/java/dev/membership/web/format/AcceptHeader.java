package dev.membership.web.format;

import java.util.Enumeration;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** Whether an {@code Accept} header admits a media type, as RFC 9110 judges it. */
public final class AcceptHeader {

    private AcceptHeader() {
    }

    /**
     * Whether {@code type} is acceptable: no {@code Accept} header (or an empty one), or a quality above 0 from the most
     * specific range that names it ({@code application/json} before {@code application/*} before {@code *}{@code /*});
     * an unreadable header admits nothing.
     */
    public static boolean admits(List<String> accept, MediaType type) {
        List<String> values = accept.stream().filter(value -> !value.isBlank()).toList();
        if (values.isEmpty()) {
            return true;
        }
        try {
            int bestSpecificity = -1;
            double quality = 0;
            for (MediaType range : MediaType.parseMediaTypes(values)) {
                if (!range.includes(type)) {
                    continue;
                }
                int specificity = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2; // *+json is a wildcard too
                if (specificity > bestSpecificity) {
                    bestSpecificity = specificity;
                    quality = range.getQualityValue();
                } else if (specificity == bestSpecificity) {
                    quality = Math.max(quality, range.getQualityValue());
                }
            }
            return quality > 0;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The same, for the header's values as a servlet request gives them (null for none). */
    public static boolean admits(Enumeration<String> accept, MediaType type) {
        return admits(accept == null ? List.of() : java.util.Collections.list(accept), type);
    }

    /** Whether the header can be read at all. */
    public static boolean readable(List<String> accept) {
        try {
            MediaType.parseMediaTypes(accept.stream().filter(value -> !value.isBlank()).toList());
            return true;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
