package io.github.ser.audio;

/**
 * Band-limited sample-rate conversion for any rational ratio (polyphase Kaiser-windowed sinc, see
 * {@link PolyphaseFilter}). Output j is the band-limited signal at input time j * fromRate / toRate, so the first
 * samples line up; the output has ceil(n * toRate / fromRate) samples, librosa.resample's length convention.
 * Equal rates return the input array itself, untouched.
 */
public final class Resampler {
    /** Outputs per block in the fast path: accumulator and input rows stay in the L1 cache. */
    private static final int BLOCK = 1024;

    private Resampler() {
    }

    public static float[] resample(float[] x, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        if (fromRate == toRate) {
            return x;
        }
        PolyphaseFilter filter = PolyphaseFilter.forRates(fromRate, toRate);
        long outLength = ((long) x.length * filter.up + filter.down - 1) / filter.down;
        if (outLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampled clip would hold " + outLength + " samples");
        }
        float[] out = new float[(int) outLength];
        if (filter.exact()) {
            byResidue(x, filter, out);
        } else {
            interpolated(x, filter, out);
        }
        return out;
    }

    /**
     * Outputs j = residue + up * t all use the same row and inputs that advance by {@code down} per t. Splitting
     * the input into {@code down} interleaved streams makes every tap a contiguous multiply-add over t, which the
     * JIT vectorises; a plain dot product per output cannot be (float sums must stay in order), and is ~3x slower.
     * The copy into {@code window} is there because the JIT does not vectorise loads at an offset from the store.
     */
    private static void byResidue(float[] x, PolyphaseFilter f, float[] out) {
        int up = f.up;
        int down = f.down;
        int taps = 2 * f.halfWidth;
        int perResidue = (out.length + up - 1) / up;
        int block = Math.min(BLOCK, perResidue);
        int streamLength = block + (down + taps) / down + 1;
        float[][] streams = new float[down][streamLength];
        float[] window = new float[block];
        float[] acc = new float[block];
        for (int t0 = 0; t0 < perResidue; t0 += block) {
            // this block's inputs, from t0 * down - halfWidth + 1, dealt into streams: stream r, index u = input r + u * down
            long first = (long) t0 * down - f.halfWidth + 1;
            for (int u = 0; u < streamLength; u++) {
                for (int r = 0; r < down; r++) {
                    long i = first + (long) u * down + r;
                    streams[r][u] = i >= 0 && i < x.length ? x[(int) i] : 0f;
                }
            }
            for (int residue = 0; residue < up; residue++) {
                long j0 = residue + (long) up * t0;
                int count = (int) Math.min(block, (out.length - j0 + up - 1) / up);
                if (count <= 0) {
                    continue;
                }
                long position = (long) residue * down;
                int base = (int) (position / up);
                float[] row = f.rows[(int) (position % up)];
                java.util.Arrays.fill(acc, 0, count, 0f);
                for (int k = 0; k < taps; k++) {
                    int a = base + k;
                    System.arraycopy(streams[a % down], a / down, window, 0, count);
                    multiplyAdd(acc, window, row[k], count);
                }
                for (int t = 0; t < count; t++) {
                    out[(int) (j0 + (long) up * t)] = acc[t];
                }
            }
        }
    }

    private static void multiplyAdd(float[] acc, float[] values, float weight, int count) {
        for (int t = 0; t < count; t++) {
            acc[t] += weight * values[t];
        }
    }

    /** Ratios with too many phases to tabulate: blend the two nearest rows, then one dot product per output. */
    private static void interpolated(float[] x, PolyphaseFilter f, float[] out) {
        float[] row = new float[2 * f.halfWidth];
        for (int j = 0; j < out.length; j++) {
            long position = (long) j * f.down;
            double phase = (position % f.up) * (double) f.phases / f.up;
            int q = (int) phase;
            float blend = (float) (phase - q);
            float[] before = f.rows[q];
            float[] after = f.rows[q + 1];
            for (int k = 0; k < row.length; k++) { // vectorised by the JIT, unlike a second dot product
                row[k] = before[k] + blend * (after[k] - before[k]);
            }
            out[j] = dot(row, x, position / f.up - f.halfWidth + 1);
        }
    }

    /** Sum of row[k] * x[start + k], treating samples outside x as zeros. */
    private static float dot(float[] row, float[] x, long start) {
        int from = (int) Math.max(0, -start);
        int to = (int) Math.min(row.length, x.length - start);
        int offset = (int) start;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int k = from;
        for (; k + 3 < to; k += 4) { // four independent sums keep the multiply-adds in flight
            s0 += row[k] * x[offset + k];
            s1 += row[k + 1] * x[offset + k + 1];
            s2 += row[k + 2] * x[offset + k + 2];
            s3 += row[k + 3] * x[offset + k + 3];
        }
        for (; k < to; k++) {
            s0 += row[k] * x[offset + k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
