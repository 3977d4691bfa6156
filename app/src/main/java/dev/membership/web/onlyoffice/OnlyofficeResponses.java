package dev.membership.web.onlyoffice;

import dev.membership.web.onlyoffice.OnlyofficeModels.Envelope;
import dev.membership.web.onlyoffice.OnlyofficeModels.Link;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.List;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** DocSpace's success envelope around a response, with {@code count}, optional {@code total} and the request link. */
public final class OnlyofficeResponses {

    private OnlyofficeResponses() {
    }

    public static Envelope ok(HttpServletRequest request, Object response) {
        int count = response == null ? 0 : response instanceof Collection<?> items ? items.size() : 1;
        return new Envelope(response, count, null, links(request), 0, 200);
    }

    public static Envelope page(HttpServletRequest request, List<?> items, long total) {
        return new Envelope(items, items.size(), total, links(request), 0, 200);
    }

    private static List<Link> links(HttpServletRequest request) {
        return List.of(new Link(ServletUriComponentsBuilder.fromCurrentRequest().build().toUriString(), request.getMethod()));
    }
}
