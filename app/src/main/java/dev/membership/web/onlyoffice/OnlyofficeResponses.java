package dev.membership.web.onlyoffice;

import dev.membership.web.onlyoffice.OnlyofficeModels.DocSpaceEnvelope;
import dev.membership.web.onlyoffice.OnlyofficeModels.Link;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.List;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** DocSpace's success envelope around a response, with {@code count}, optional {@code total} and the request link. */
public final class OnlyofficeResponses {

    private OnlyofficeResponses() {
    }

    public static <T> DocSpaceEnvelope<T> ok(HttpServletRequest request, T response) {
        int count = response == null ? 0 : response instanceof Collection<?> items ? items.size() : 1;
        return new DocSpaceEnvelope<>(response, count, null, links(request), 0, 200);
    }

    public static <T> DocSpaceEnvelope<List<T>> page(HttpServletRequest request, List<T> items, long total) {
        return new DocSpaceEnvelope<>(items, items.size(), total, links(request), 0, 200);
    }

    private static List<Link> links(HttpServletRequest request) {
        return List.of(new Link(ServletUriComponentsBuilder.fromCurrentRequest().build().toUriString(), request.getMethod()));
    }
}
