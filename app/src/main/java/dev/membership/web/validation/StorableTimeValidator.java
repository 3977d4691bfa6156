package dev.membership.web.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Instant;

/** Checks {@link StorableTime}. */
class StorableTimeValidator implements ConstraintValidator<StorableTime, Instant> {

    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    @Override
    public boolean isValid(Instant value, ConstraintValidatorContext context) {
        return value == null || !value.isBefore(EARLIEST) && !value.isAfter(LATEST);
    }
}
