package io.github.ser.dsp;

/** The index of the largest value: the one argmax of the engine (ties go to the first, as numpy's). */
public final class ArgMax {

    private ArgMax() {
    }

    public static int of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("argmax of an empty array");
        }
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
