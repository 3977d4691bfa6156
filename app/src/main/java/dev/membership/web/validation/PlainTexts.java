package dev.membership.web.validation;

/** The rule behind {@link PlainText}, for text that does not come in a request body (token claims). */
public final class PlainTexts {

    private PlainTexts() {
    }

    /** Whether every character is allowed and, if {@code visible}, one of them shows (empty text passes). */
    public static boolean isPlain(CharSequence value, boolean multiline, boolean visible) {
        boolean seenVisible = false;
        for (int i = 0; i < value.length(); ) {
            int codePoint = Character.codePointAt(value, i);
            i += Character.charCount(codePoint);
            if (!allowed(codePoint, multiline)) {
                return false;
            }
            seenVisible |= shows(codePoint);
        }
        // blank text is left to @NotBlank, so one problem is reported once
        return seenVisible || !visible || value.toString().trim().isEmpty();
    }

    /**
     * Whether the character shows by itself: not a space, not a format character (zero-width space, joiners), not a
     * mark that only changes the character before it (a combining accent, a variation selector, the grapheme joiner),
     * and not one of the fillers that fonts draw as blank (the Hangul fillers, the blank Braille pattern).
     */
    static boolean shows(int codePoint) {
        int type = Character.getType(codePoint);
        return !Character.isWhitespace(codePoint) && !Character.isSpaceChar(codePoint)
                && type != Character.FORMAT && type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
                && codePoint != 0x115F && codePoint != 0x1160 && codePoint != 0x3164 && codePoint != 0xFFA0
                && codePoint != 0x2800;
    }

    /**
     * Whether every character of an email address, spaces around it aside, shows or is a mark drawn on the one before
     * it: an invisible one would make an address that reads exactly as another's a different person.
     */
    public static boolean isVisibleAddress(String email) {
        return email.strip().codePoints().allMatch(PlainTexts::showsOrMarks);
    }

    /**
     * Whether the character shows, or is a mark drawn on the one before it (a combining accent, a vowel sign); not one
     * of the marks that draw nothing (variation selectors, Mongolian free variation selectors, the grapheme joiner).
     */
    private static boolean showsOrMarks(int codePoint) {
        if ((codePoint >= 0xFE00 && codePoint <= 0xFE0F) || (codePoint >= 0xE0100 && codePoint <= 0xE01EF)
                || (codePoint >= 0x180B && codePoint <= 0x180D) || codePoint == 0x180F || codePoint == 0x034F) {
            return false;
        }
        int type = Character.getType(codePoint);
        return shows(codePoint) || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /**
     * An optional name as it is kept: without its surrounding spaces, or {@code null} when it is blank, as a name
     * left blank is not given (it would otherwise be kept as an empty name, in place of the one known).
     */
    public static String optionalName(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The text without the characters {@link PlainText} refuses, on one line. */
    public static String strip(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(value.length());
        value.codePoints().filter(codePoint -> allowed(codePoint, false)).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static boolean allowed(int codePoint, boolean multiline) {
        if (multiline && (codePoint == '\n' || codePoint == '\r' || codePoint == '\t')) {
            return true;
        }
        return !Character.isISOControl(codePoint)
                && !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)
                && (codePoint & 0xFFFE) != 0xFFFE
                && !(codePoint >= 0xFDD0 && codePoint <= 0xFDEF)
                && !(codePoint >= 0x202A && codePoint <= 0x202E)
                && !(codePoint >= 0x2066 && codePoint <= 0x2069)
                && codePoint != 0xFEFF // a byte order mark, or a zero-width no-break space: text pasted from a file
                && (multiline || codePoint != 0x2028 && codePoint != 0x2029);
    }
}
