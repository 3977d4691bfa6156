package dev.membership.web.format;

import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
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
            return judge(MediaType.parseMediaTypes(values), type).quality() > 0;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /**
     * Of the {@code offered} types, the one the header prefers: the highest quality, each judged by the most specific
     * range that names it; between equals, the one named by a more specific range, then the one the client named
     * first, then the first offered. The first offered when there is no header; none when the header admits none.
     *
     * @throws InvalidMediaTypeException when the header cannot be read
     */
    public static Optional<MediaType> preferred(List<String> accept, List<MediaType> offered) {
        List<String> values = accept.stream().filter(value -> !value.isBlank()).toList();
        if (values.isEmpty()) {
            return offered.stream().findFirst();
        }
        List<MediaType> ranges = MediaType.parseMediaTypes(values);
        MediaType best = null;
        Judged bestJudged = new Judged(-1, 0, Integer.MAX_VALUE);
        for (MediaType type : offered) {
            Judged judged = judge(ranges, type);
            if (judged.quality() > bestJudged.quality() || judged.quality() == bestJudged.quality()
                    && (judged.specificity() > bestJudged.specificity() || judged.specificity() == bestJudged.specificity()
                            && judged.named() < bestJudged.named())) {
                best = type;
                bestJudged = judged;
            }
        }
        return bestJudged.quality() > 0 ? Optional.of(best) : Optional.empty();
    }

    /**
     * How a type is judged: by the most specific ranges that name it, the best quality among them, and where the first
     * of those ranges stands in the header.
     */
    private record Judged(int specificity, double quality, int named) {
    }

    private static Judged judge(List<MediaType> ranges, MediaType type) {
        int bestSpecificity = -1;
        double quality = 0;
        int named = Integer.MAX_VALUE;
        for (int i = 0; i < ranges.size(); i++) {
            MediaType range = ranges.get(i);
            if (!range.includes(type)) {
                continue;
            }
            int specificity = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2; // *+json is a wildcard too
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                quality = range.getQualityValue();
                named = i;
            } else if (specificity == bestSpecificity) {
                quality = Math.max(quality, range.getQualityValue());
            }
        }
        return new Judged(bestSpecificity, quality, named);
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
