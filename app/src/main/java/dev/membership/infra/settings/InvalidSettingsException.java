package dev.membership.infra.settings;

import java.util.List;

/** Settings the service refuses to start with, each described with the rule it breaks. */
public class InvalidSettingsException extends RuntimeException {

    private final List<String> problems;

    InvalidSettingsException(List<String> problems) {
        super("Invalid settings: " + String.join(" ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
