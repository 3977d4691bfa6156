package dev.membership.infra.embedded;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Ties the embedded server's life to the application context: it stops after the datasource has closed, so
 * a clean shutdown never cuts open connections.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "membership.embedded-postgres.active", havingValue = "true")
class EmbeddedPostgresConfiguration {

    static final String BEAN_NAME = "embeddedPostgresLifecycle";

    @Bean(BEAN_NAME)
    EmbeddedPostgresLifecycle embeddedPostgresLifecycle(Environment environment) {
        return new EmbeddedPostgresLifecycle(Path.of(environment.getProperty(
                EmbeddedPostgresEnvironmentPostProcessor.DATA_DIRECTORY, "./data/postgres")));
    }

    /** Makes every datasource depend on the server, so the server is destroyed last. */
    @Bean
    static BeanFactoryPostProcessor dataSourcesDependOnEmbeddedPostgres() {
        return beanFactory -> {
            for (String name : beanFactory.getBeanNamesForType(DataSource.class, true, false)) {
                BeanDefinition definition = beanFactory.getBeanDefinition(name);
                String[] existing = definition.getDependsOn();
                String[] dependsOn = existing == null ? new String[] {BEAN_NAME} : append(existing, BEAN_NAME);
                definition.setDependsOn(dependsOn);
            }
        };
    }

    private static String[] append(String[] values, String value) {
        String[] result = java.util.Arrays.copyOf(values, values.length + 1);
        result[values.length] = value;
        return result;
    }

    record EmbeddedPostgresLifecycle(Path dataDirectory) implements DisposableBean {

        @Override
        public void destroy() {
            EmbeddedDatabases.release(dataDirectory);
        }
    }
}
