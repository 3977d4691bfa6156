package dev.membership.web.validation;

import dev.membership.api.shared.Emails;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link StorableEmail}: the normalized address fits the stored column, and none of its characters is invisible
 * (a zero-width space or joiner, a soft hyphen, a space of any width, a blank filler), which would make an address
 * that reads exactly as another's a different person.
 */
class StorableEmailValidator implements ConstraintValidator<StorableEmail, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        // a far longer text is refused without normalizing it
        if (value.length() > 4 * Emails.MAX_LENGTH || Emails.normalize(value).length() > Emails.MAX_LENGTH) {
            return false;
        }
        if (PlainTexts.isVisibleAddress(value)) {
            return true;
        }
        if (context != null) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("Must not hold invisible characters (spaces, zero-width"
                    + " characters, soft hyphens, variation selectors)").addConstraintViolation();
        }
        return false;
    }
}
