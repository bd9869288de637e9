package io.github.ser.audio;

import java.util.Arrays;

/**
 * Where a decoder puts its mono samples, block by block: they are resampled to the target rate as they arrive, so
 * memory holds the clip at the target rate plus about one block at the source's rate, never the whole clip at the
 * source's rate (a 10-minute 192 kHz clip is 460 MB of floats; at 16 kHz it is 38 MB). The duration limit is
 * enforced on every block, so a stream that declares no length (or lies about it) stops as soon as it passes the
 * limit, not after it has been decoded whole.
 *
 * <p>The output equals {@link Resampler#resample} of the whole input, sample for sample: input is cut into windows
 * that start on a multiple of the ratio's input period ({@code down} samples, after which the polyphase pattern
 * repeats) and overlap by at least the filter's half width, so every output sees exactly the taps it would see in
 * one pass over the whole clip.
 */
final class StreamingResampler {
    /** Input samples per window (before the overlap): big enough that the overlap is a small extra cost. */
    private static final int WINDOW_INPUTS = 1 << 16;
    /** A window is at least this many times its overlap on each side. */
    private static final int MIN_PERIODS_PER_PAD = 8;

    private final int fromRate;
    private final int toRate;
    private final AudioLimits limits;
    private final long maxFrames;
    private final String format;
    /** null when the rates are equal: samples are copied as they are. */
    private final PolyphaseFilter filter;
    /** Input period (down) and output period (up): positions repeat every {@code down} inputs. */
    private final int down;
    private final int up;
    /** Window length and overlap, in input periods. */
    private final int windowPeriods;
    private final int padPeriods;

    private float[] input = new float[0];
    /** Absolute index of input[0]: a multiple of {@code down}. */
    private long inputStart;
    private int buffered;
    private long framesIn;
    private float[] output;
    private int outputLength;

    /**
     * @param toRate      the output rate, or {@link AudioDecoder#NATIVE_RATE} for {@code fromRate}
     * @param maxFrames   the most source frames this stream may hold (Long.MAX_VALUE for uncompressed input): more is
     *                    {@code corrupt_audio} (see {@link HeaderChecks#expansion}); past the duration limit, {@code too_long}
     * @param expected    frames the header declares (0 if unknown), to size the output once
     * @param format      the container, as {@link AudioClip#format()} names it
     */
    StreamingResampler(int fromRate, int toRate, AudioLimits limits, long maxFrames, long expected, String format) {
        this.fromRate = fromRate;
        this.toRate = toRate == AudioDecoder.NATIVE_RATE ? fromRate : toRate;
        this.limits = limits;
        // one frame past the duration limit is enough to answer too_long, and keeps every size below in range
        this.maxFrames = Math.min(maxFrames, (long) (limits.maxDurationSeconds() * fromRate) + 1);
        this.format = format;
        this.filter = fromRate == this.toRate ? null : PolyphaseFilter.forRates(fromRate, toRate);
        this.down = filter == null ? 1 : filter.down;
        this.up = filter == null ? 1 : filter.up;
        this.padPeriods = filter == null ? 0 : (filter.halfWidth + down - 1) / down;
        this.windowPeriods = Math.max(MIN_PERIODS_PER_PAD * Math.max(1, padPeriods), (WINDOW_INPUTS + down - 1) / down);
        long bound = Math.min(this.maxFrames, expected > 0 ? expected : WINDOW_INPUTS);
        this.output = new float[(int) Math.min(Integer.MAX_VALUE - 8, outputsFor(bound) + 1)];
    }

    /** Appends {@code n} mono samples at the source rate. */
    void push(float[] samples, int offset, int n) throws AudioException {
        if (n <= 0) {
            return;
        }
        framesIn += n;
        HeaderChecks.duration(framesIn, fromRate, limits);
        if (framesIn > maxFrames) {
            throw HeaderChecks.expansionError(format.toUpperCase(java.util.Locale.ROOT));
        }
        if (filter == null) {
            append(samples, offset, n);
            return;
        }
        if (buffered + n > input.length) {
            input = Arrays.copyOf(input, Math.max(buffered + n, Math.max(2 * input.length,
                    (windowPeriods + 2 * padPeriods + 1) * down)));
        }
        System.arraycopy(samples, offset, input, buffered, n);
        buffered += n;
        long windowEnd;
        while ((windowEnd = (nextWindow() + windowPeriods + padPeriods) * (long) down) <= inputStart + buffered) {
            emit(nextWindow(), windowEnd, (long) windowPeriods * up);
        }
    }

    /** Resamples what is left and returns the clip. */
    AudioClip finish(int channels) {
        if (filter != null) {
            long total = outputsFor(framesIn);
            long windowEnd = inputStart + buffered;
            if (total > outputLength) {
                emit(nextWindow(), windowEnd, total - outputLength);
            }
        }
        float[] samples = outputLength == output.length ? output : Arrays.copyOf(output, outputLength);
        return new AudioClip(samples, toRate, channels, format);
    }

    long frames() {
        return framesIn;
    }

    /** Index, in input periods, of the next window's first output period. */
    private long nextWindow() {
        return outputLength / up;
    }

    /**
     * Outputs {@code count} samples starting at the window of period {@code period}, reading inputs from
     * {@code (period - pad) * down} (or 0) to {@code windowEnd}; then drops the inputs no later window needs.
     */
    private void emit(long period, long windowEnd, long count) {
        long start = Math.max(0, (period - padPeriods) * down);
        float[] window = Arrays.copyOfRange(input, (int) (start - inputStart), (int) (windowEnd - inputStart));
        float[] resampled = Resampler.resample(window, fromRate, toRate);
        int skip = (int) (period * up - start / down * up);
        append(resampled, skip, (int) Math.min(count, resampled.length - skip));
        long keepFrom = Math.max(0, (nextWindow() - padPeriods) * down);
        int drop = (int) Math.min(buffered, keepFrom - inputStart);
        if (drop > 0) {
            System.arraycopy(input, drop, input, 0, buffered - drop);
            buffered -= drop;
            inputStart += drop;
        }
    }

    private void append(float[] samples, int offset, int n) {
        if (outputLength + n > output.length) {
            long cap = outputsFor(maxFrames) + 1;
            output = Arrays.copyOf(output, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(outputLength + (long) n, Math.min(cap, 2L * output.length))));
        }
        System.arraycopy(samples, offset, output, outputLength, n);
        outputLength += n;
    }

    /** Output length for {@code frames} inputs: ceil(frames * up / down), {@link Resampler}'s convention. */
    private long outputsFor(long frames) {
        return filter == null ? frames : (frames * up + down - 1) / down;
    }
}
