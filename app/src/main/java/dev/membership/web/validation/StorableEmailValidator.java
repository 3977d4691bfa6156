package dev.membership.web.validation;

import dev.membership.api.shared.Emails;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link StorableEmail}: the normalized address fits the stored column and is still well formed (at most 64
 * characters before its {@code @}), and none of its characters is invisible
 * (a zero-width space or joiner, a soft hyphen, a space of any width, a blank filler), which would make an address
 * that reads exactly as another's a different person.
 */
class StorableEmailValidator implements ConstraintValidator<StorableEmail, String> {

    /** The most characters before the {@code @} that an address may have (RFC 5321), as {@code @Email} counts them. */
    private static final int MAX_LOCAL_PART = 64;

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        // a far longer text is refused without normalizing it
        if (value.length() > 4 * Emails.MAX_LENGTH) {
            return false;
        }
        String stored = Emails.normalize(value);
        if (stored.length() > Emails.MAX_LENGTH) {
            return false;
        }
        if (stored.lastIndexOf('@') > MAX_LOCAL_PART) {
            // well formed as sent (@Email measures what was sent), but not as it is stored and sent back
            if (context != null) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("Must have at most 64 characters before the @ once"
                        + " normalized (some characters compose into two)").addConstraintViolation();
            }
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
