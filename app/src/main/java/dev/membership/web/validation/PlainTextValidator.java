package dev.membership.web.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PlainText}, one code point at a time. */
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
        if (value == null) {
            return true;
        }
        boolean seenVisible = false;
        for (int i = 0; i < value.length(); ) {
            int codePoint = Character.codePointAt(value, i);
            i += Character.charCount(codePoint);
            if (!allowed(codePoint)) {
                return false;
            }
            seenVisible |= !Character.isWhitespace(codePoint) && !Character.isSpaceChar(codePoint)
                    && Character.getType(codePoint) != Character.FORMAT;
        }
        // blank text is left to @NotBlank, so one problem is reported once
        return seenVisible || !visible || value.toString().trim().isEmpty();
    }

    private boolean allowed(int codePoint) {
        if (multiline && (codePoint == '\n' || codePoint == '\r' || codePoint == '\t')) {
            return true;
        }
        return !Character.isISOControl(codePoint)
                && !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)
                && (codePoint & 0xFFFE) != 0xFFFE
                && !(codePoint >= 0xFDD0 && codePoint <= 0xFDEF)
                && !(codePoint >= 0x202A && codePoint <= 0x202E)
                && !(codePoint >= 0x2066 && codePoint <= 0x2069)
                && (multiline || codePoint != 0x2028 && codePoint != 0x2029);
    }
}
