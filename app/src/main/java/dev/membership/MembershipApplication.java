package dev.membership;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The membership service: one Spring Boot application over the command side and the query side. Its periodic sweeps
 * (the audit watermark past dead gaps, invitations whose time is up) run on Spring's task scheduler.
 */
@SpringBootApplication
@EnableScheduling
public class MembershipApplication {

    public static void main(String[] args) {
        // the service often runs without internet access; opt out of Axon's update check unless told otherwise
        if (System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty("axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        }
        System.setProperty("disable-axoniq-console-message", System.getProperty("disable-axoniq-console-message", "true"));
        try {
            SpringApplication.run(MembershipApplication.class, args);
        } catch (RuntimeException | Error failed) {
            // reported and logged by Spring; threads a failed start left behind would keep the process alive, so that
            // a supervisor saw neither a service nor its end
            System.exit(1);
        }
    }
}
