package io.github.ser.audio;

/**
 * How one sample is stored in interleaved PCM, and the scale that maps it to [-1, 1) exactly as libsndfile
 * (soundfile) does when reading float: a power of two per integer width, so 16-bit input becomes s / 32768f.
 */
enum SampleEncoding {
    UNSIGNED_8(1),
    SIGNED_8(1),
    SIGNED_16(2),
    SIGNED_24(3),
    SIGNED_32(4),
    FLOAT_32(4),
    FLOAT_64(8),
    /** G.711, 8 bits a sample, expanded to 16-bit values (telephony WAV, format tags 7 and 6). */
    MU_LAW(1),
    A_LAW(1);

    private final int bytes;

    SampleEncoding(int bytes) {
        this.bytes = bytes;
    }

    int bytes() {
        return bytes;
    }

    /** Integer PCM stored in {@code bytes} bytes per sample; narrower samples sit left-justified in the container. */
    static SampleEncoding signedPcm(int bytes) {
        return switch (bytes) {
            case 1 -> SIGNED_8;
            case 2 -> SIGNED_16;
            case 3 -> SIGNED_24;
            case 4 -> SIGNED_32;
            default -> throw new IllegalArgumentException("no signed PCM of " + bytes + " bytes");
        };
    }
}
