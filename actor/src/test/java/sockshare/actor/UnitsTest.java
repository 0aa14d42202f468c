package sockshare.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Times and sizes always carry their unit. */
class UnitsTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"500ms, 500", "2s, 2000", "2 s, 2000", "0, 0", "0ms, 0", "60s, 60000", "1MS, 1"})
    void timesInMilliseconds(String text, long ms) {
        assertEquals(ms, Units.millis(text, 0, 60_000));
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({"32MiB, 33554432", "64KiB, 65536", "1000 bytes, 1000", "1 byte, 1", "1000B, 1000", "1MB, 1000000",
            "2kb, 2000"})
    void sizesInBytes(String text, long bytes) {
        assertEquals(bytes, Units.bytes(text, 1, 64L << 20));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "2 | '2' is not a time such as 500ms or 2s (give the unit)",
        "2 min | '2 min' is not a time such as 500ms or 2s",
        "soon | 'soon' is not a time such as 500ms or 2s",
        "-5s | '-5s' is not a time such as 500ms or 2s",
        "61s | 61s is outside 0 ms to 60000 ms",
        "999999999999s | 999999999999s is outside 0 ms to 60000 ms",
    })
    void aTimeWithoutItsUnitOrOutOfRangeIsRefused(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Units.millis(text, 0, 60_000)).getMessage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "33554432 | '33554432' is not a size such as 32MiB, 64KiB or 1000 bytes (give the unit)",
        "32 MeB | '32 MeB' is not a size such as 32MiB, 64KiB or 1000 bytes",
        "65MiB | 65MiB is outside 1 bytes to 67108864 bytes",
        "999999999999GiB | 999999999999GiB is outside 1 bytes to 67108864 bytes",
    })
    void aSizeWithoutItsUnitOrOutOfRangeIsRefused(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Units.bytes(text, 1, 64L << 20)).getMessage());
    }
}
