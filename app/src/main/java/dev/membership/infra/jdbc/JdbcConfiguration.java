package dev.membership.infra.jdbc;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The service's JDBC template, in place of Spring Boot's: the one that knows a query's deadline. */
@Configuration(proxyBeanMethods = false)
class JdbcConfiguration {

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new DeadlineJdbcTemplate(dataSource);
    }
}
