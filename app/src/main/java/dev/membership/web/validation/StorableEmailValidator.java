package dev.membership.web.validation;

import dev.membership.api.shared.Emails;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link StorableEmail}: the normalized address fits the stored column. */
class StorableEmailValidator implements ConstraintValidator<StorableEmail, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        // a far longer text is refused without normalizing it
        return value == null || value.length() <= 4 * Emails.MAX_LENGTH && Emails.normalize(value).length() <= Emails.MAX_LENGTH;
    }
}
