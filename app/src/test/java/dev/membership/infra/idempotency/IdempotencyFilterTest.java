package dev.membership.infra.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.membership.web.error.ErrorResponder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.MappedQuerySpec;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * When the database goes away while a request with an {@code Idempotency-Key} runs, the client still gets the answer
 * the request produced, and a write that was answered is never made runnable again by releasing its key.
 */
class IdempotencyFilterTest {

    private final JdbcClient jdbc = mock(JdbcClient.class);
    private final StatementSpec update = statement();
    private final StatementSpec delete = statement();
    private final IdempotencyFilter filter =
            new IdempotencyFilter(jdbc, mock(ErrorResponder.class), 1024, Duration.ofHours(24), request -> { });

    @BeforeEach
    void aKeyNotSeenBefore_isClaimed() {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("caller", null));
        StatementSpec select = statement();
        MappedQuerySpec<Object> found = mock(MappedQuerySpec.class);
        when(select.query(any(RowMapper.class))).thenReturn(found);
        when(found.optional()).thenReturn(Optional.empty());
        StatementSpec insert = statement();
        when(insert.update()).thenReturn(1);
        when(jdbc.sql(startsWith("SELECT"))).thenReturn(select);
        when(jdbc.sql(startsWith("INSERT"))).thenReturn(insert);
        when(jdbc.sql(startsWith("UPDATE"))).thenReturn(update);
        when(jdbc.sql(startsWith("DELETE"))).thenReturn(delete);
    }

    @AfterEach
    void clearTheCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aFailedRequestsAnswer_goesOut_whenItsKeyCannotBeReleased() throws Exception {
        when(delete.update()).thenThrow(new CannotGetJdbcConnectionException("the database is away"));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilterInternal(request(), response, answering(503, "{\"unavailable\":true}"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).isEqualTo("{\"unavailable\":true}");
        verify(delete).update();
    }

    @Test
    void anAnsweredWrite_keepsItsKeyClaimed_whenItsAnswerCannotBeStored() throws Exception {
        when(update.update()).thenThrow(new CannotGetJdbcConnectionException("the database is away"));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilterInternal(request(), response, answering(201, "{\"id\":\"created\"}"));

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getContentAsString()).isEqualTo("{\"id\":\"created\"}");
        verify(delete, never()).update();
    }

    private static StatementSpec statement() {
        return mock(StatementSpec.class, RETURNS_SELF);
    }

    private static MockHttpServletRequest request() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/organizations");
        request.addHeader(IdempotencyFilter.HEADER, "key-1");
        request.setContent("{}".getBytes(StandardCharsets.UTF_8));
        return request;
    }

    private static FilterChain answering(int status, String body) {
        return (request, response) -> {
            ((HttpServletResponse) response).setStatus(status);
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        };
    }
}
