package dev.membership.infra.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports invalid settings as Spring Boot reports a failed start: what is wrong, and what to do, without a stack. */
class InvalidSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingsException cause) {
        return new FailureAnalysis("The service's settings are not valid:\n  - " + String.join("\n  - ", cause.problems()),
                "Correct the settings named above (the README's Configuration table gives each one's meaning and default).",
                cause);
    }
}
