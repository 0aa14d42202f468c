package sockshare.report;

import java.util.Locale;

/**
 * A whole number with its digits in groups of three, as {@code String.format("%,d")} writes it.
 * The Formatter asks the locale's data (CLDR) for the separator unless the locale is
 * {@link Locale#US}, which loads and reads that data on a report's first number: 17-18 ms of
 * a cold launcher, interpreted. For the locales whose CLDR data groups by three with a comma and
 * writes ASCII digits, as US does, the number is written here; any other keeps the Formatter, so
 * the text stays what that locale's reader saw before.
 */
final class Thousands {
    private Thousands() {
    }

    /** @return {@code n} as {@code String.format(Locale.ROOT, "%,d", n)} writes it */
    static String of(long n) {
        return grouped(n, false);
    }

    /** @return {@code n} as {@code String.format("%+,d", n)} writes it in the default format locale */
    static String signed(long n) {
        return inDefaultLocale(n, true);
    }

    /** @return {@code n} as {@code String.format("%,d", n)} writes it in the default format locale */
    static String inDefaultLocale(long n) {
        return inDefaultLocale(n, false);
    }

    private static String inDefaultLocale(long n, boolean plus) {
        Locale locale = Locale.getDefault(Locale.Category.FORMAT);
        return asUs(locale) ? grouped(n, plus) : String.format(locale, plus ? "%+,d" : "%,d", n);
    }

    /** Whether the Formatter writes numbers in {@code locale} as it does in US: root, English and US English. */
    static boolean asUs(Locale locale) {
        return locale.equals(Locale.US) || locale.equals(Locale.ENGLISH) || locale.equals(Locale.ROOT);
    }

    private static String grouped(long n, boolean plus) {
        String digits = Long.toString(n);
        int from = n < 0 ? 1 : 0;
        int count = digits.length() - from;
        StringBuilder text = new StringBuilder(digits.length() + count / 3 + 1);
        if (n < 0) {
            text.append('-');
        } else if (plus) {
            text.append('+');
        }
        for (int i = from; i < digits.length(); i++) {
            if (i > from && (digits.length() - i) % 3 == 0) {
                text.append(',');
            }
            text.append(digits.charAt(i));
        }
        return text.toString();
    }
}
