package sockshare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Numbers written without the Formatter read as the Formatter writes them, in every locale. */
class ThousandsTest {
    private static final long[] EDGES = {0, 1, -1, 9, 10, 99, 100, 999, 1_000, -1_000, 9_999, 10_000, 99_999, 100_000,
            999_999, 1_000_000, -1_234_567, 123_456_789, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE};

    private static List<Long> numbers() {
        List<Long> numbers = new ArrayList<>();
        for (long n : EDGES) {
            numbers.add(n);
        }
        for (long n = -20_000; n <= 20_000; n += 7) {
            numbers.add(n);
        }
        for (long n = 1; n > 0 && n < Long.MAX_VALUE / 3; n = n * 3 + 1) {
            numbers.add(n);
            numbers.add(-n);
        }
        return numbers;
    }

    @Test
    void theLocalesWrittenByHandAreThoseTheFormatterWritesAsItDoesUs() {
        for (Locale locale : List.of(Locale.ROOT, Locale.ENGLISH, Locale.US)) {
            assertTrue(Thousands.asUs(locale), locale.toString());
            for (long n : numbers()) {
                assertEquals(String.format(locale, "%,d", n), String.format(Locale.US, "%,d", n), locale + " " + n);
                assertEquals(String.format(locale, "%+,d", n), String.format(Locale.US, "%+,d", n), locale + " " + n);
            }
        }
        for (Locale locale : List.of(Locale.GERMANY, Locale.FRANCE, Locale.UK, Locale.forLanguageTag("en-IN"),
                Locale.forLanguageTag("en-CH"), Locale.forLanguageTag("ar-EG"))) {
            assertFalse(Thousands.asUs(locale), locale.toString());
        }
    }

    @Test
    void aNumberReadsAsPercentCommaDInTheRootLocale() {
        for (long n : numbers()) {
            assertEquals(String.format(Locale.ROOT, "%,d", n), Thousands.of(n), Long.toString(n));
        }
    }

    @Test
    void inTheDefaultLocaleANumberReadsAsTheFormatterWritesItThere() {
        Locale before = Locale.getDefault(Locale.Category.FORMAT);
        try {
            for (Locale locale : List.of(Locale.ENGLISH, Locale.US, Locale.ROOT, Locale.GERMANY, Locale.FRANCE,
                    Locale.forLanguageTag("en-CH"), Locale.forLanguageTag("hi-IN-u-nu-deva"))) {
                Locale.setDefault(Locale.Category.FORMAT, locale);
                for (long n : numbers()) {
                    assertEquals(String.format("%+,d", n), Thousands.signed(n), locale + " " + n);
                    assertEquals(String.format("%,d", n), Thousands.inDefaultLocale(n), locale + " " + n);
                }
            }
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, before);
        }
    }
}
