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
 * An email address of at most {@link dev.membership.api.shared.Emails#MAX_LENGTH} characters as it is stored, that
 * is once normalized (composing its characters can lengthen a few), with no invisible character in it (a zero-width
 * space, a soft hyphen). {@code null} is left to {@code @NotBlank}.
 */
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = StorableEmailValidator.class)
public @interface StorableEmail {

    String message() default "Must be at most 254 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
