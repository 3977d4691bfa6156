package dev.membership.infra.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A management endpoint's answer passes through as it is written: a large one (a heap dump) is not held in memory. */
class ManagementErrorBodyFilterTest {

    @Test
    void aLargeAnswer_reachesTheClientAsItIsWritten() throws Exception {
        ManagementErrorBodyFilter filter = new ManagementErrorBodyFilter(null, "/actuator");
        MockHttpServletResponse client = new MockHttpServletResponse();
        AtomicLong reachedWhileWriting = new AtomicLong(-1);
        byte[] chunk = new byte[1 << 20];

        filter.doFilter(new MockHttpServletRequest("GET", "/actuator/heapdump"), client, (in, out) -> {
            for (int i = 0; i < 8; i++) {
                out.getOutputStream().write(chunk);
            }
            reachedWhileWriting.set(client.getContentAsByteArray().length);
        });

        assertThat(reachedWhileWriting).hasValue(8L << 20);
    }
}
