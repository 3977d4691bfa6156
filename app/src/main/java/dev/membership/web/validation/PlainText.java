package dev.membership.web.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Text a person typed: no control characters, no unpaired surrogates, no Unicode noncharacters and no
 * bidirectional overrides, which would garble lists and logs or spoof what other people read. A name is one
 * line and shows at least one visible character; a {@code multiline} text may hold line breaks and tabs.
 * {@code null} is left to {@code @NotNull}.
 */
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = PlainTextValidator.class)
public @interface PlainText {

    String message() default "Must be plain text without control or invisible formatting characters";

    /** Line breaks and tabs are allowed, and the text may be empty. */
    boolean multiline() default false;

    /**
     * At least one visible character is required: text of only invisible characters such as U+200B is refused;
     * empty and space-only text is left to {@code @NotBlank}.
     */
    boolean visible() default true;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
