package sockshare.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeated measurements of one quantity, in nanoseconds (or bytes), and their percentiles. */
record Sample(List<Long> values) {
    Sample {
        values = new ArrayList<>(values);
        Collections.sort(values);
        values = List.copyOf(values);
    }

    /** @return the nearest-rank percentile, {@code p} from 0 to 100 */
    long percentile(int p) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no measurements");
        }
        int rank = (int) Math.ceil(p / 100.0 * values.size());
        return values.get(Math.max(0, Math.min(values.size() - 1, rank - 1)));
    }

    long p50() {
        return percentile(50);
    }

    long p95() {
        return percentile(95);
    }

    long max() {
        return values.get(values.size() - 1);
    }

    int count() {
        return values.size();
    }
}
