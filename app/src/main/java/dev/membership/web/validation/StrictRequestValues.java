package dev.membership.web.validation;

import java.beans.PropertyEditorSupport;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Path variables and query parameters are read as written, as JSON bodies are: an id is a canonical UUID, a number
 * is ASCII digits with an optional minus sign, a boolean is {@code true} or {@code false} in any case. Spring's own
 * conversions would trim {@code " 1"}, read {@code 0x10} as 16, {@code +5} as 5, a full-width digit as its value,
 * {@code yes}, {@code on} or {@code 1} as true, and {@code 1-1-1-1-1} as an id; each of those is refused instead
 * (422, or 400 in DocSpace's and Cloudflare's dialects, naming the parameter). An empty value is absent, whatever
 * the parameter's type: {@code ?status=} lists as if no status were given, rather than filter on "".
 *
 * <p>These are property editors of every controller's binder, not converters: a binder tries its conversion service
 * first and, when that fails, falls back to Spring's default editors, which are lenient; an editor registered on
 * the binder is used before either.
 */
@ControllerAdvice
class StrictRequestValues {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");

    @InitBinder
    void readValuesAsWritten(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new Strict(text -> text));
        binder.registerCustomEditor(UUID.class, new Strict(StrictInputConfiguration::canonicalUuid));
        binder.registerCustomEditor(int.class, new Strict(text -> Integer.parseInt(integer(text))));
        binder.registerCustomEditor(Integer.class, new Strict(text -> Integer.parseInt(integer(text))));
        binder.registerCustomEditor(long.class, new Strict(text -> Long.parseLong(integer(text))));
        binder.registerCustomEditor(Long.class, new Strict(text -> Long.parseLong(integer(text))));
        binder.registerCustomEditor(boolean.class, new Strict(StrictRequestValues::bool));
        binder.registerCustomEditor(Boolean.class, new Strict(StrictRequestValues::bool));
    }

    private static String integer(String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw new IllegalArgumentException("Not an integer in ASCII digits");
        }
        return text;
    }

    private static Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("Not true or false");
        };
    }

    /**
     * An editor that reads text with {@code read}; its failure is the binder's type mismatch. An empty value is
     * absent, as Spring has it: a parameter's default then applies.
     */
    private static final class Strict extends PropertyEditorSupport {

        private final Function<String, Object> read;

        Strict(Function<String, Object> read) {
            this.read = read;
        }

        @Override
        public void setAsText(String text) {
            setValue(text == null || text.isEmpty() ? null : read.apply(text));
        }
    }
}
