package io.github.ser.dsp;

/**
 * Framing of a short-time Fourier transform, as librosa names it: Hann window of {@code winLength} samples
 * zero-padded to {@code nFft}, frames every {@code hopLength} samples, signal zero-padded by {@code nFft / 2}
 * at both ends (librosa's {@code center=True, pad_mode='constant'}).
 */
public record StftConfig(int nFft, int hopLength, int winLength) {
    public StftConfig {
        if (nFft < 2 || nFft % 2 != 0 || hopLength < 1 || winLength < 1 || winLength > nFft) {
            throw new IllegalArgumentException("invalid STFT config " + nFft + "/" + hopLength + "/" + winLength);
        }
    }

    /** librosa's defaults: 2048-point FFT, 512 hop, window as long as the FFT. */
    public static StftConfig librosaDefault() {
        return new StftConfig(2048, 512, 2048);
    }

    /** Speech framing at 16 kHz: 25 ms window, 10 ms hop, 512-point FFT. */
    public static StftConfig speech16k() {
        return new StftConfig(512, 160, 400);
    }

    public int bins() {
        return nFft / 2 + 1;
    }

    /** Number of frames librosa produces for {@code samples} input samples. */
    public int frames(int samples) {
        return 1 + (samples + 2 * (nFft / 2) - nFft) / hopLength;
    }
}
