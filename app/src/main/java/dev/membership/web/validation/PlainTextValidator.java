package dev.membership.web.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PlainText} through {@link PlainTexts}. */
class PlainTextValidator implements ConstraintValidator<PlainText, CharSequence> {

    private boolean multiline;
    private boolean visible;

    @Override
    public void initialize(PlainText constraint) {
        multiline = constraint.multiline();
        visible = constraint.visible() && !constraint.multiline();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || PlainTexts.isPlain(value, multiline, visible);
    }
}
