package io.github.ser.audio;

import java.nio.ByteOrder;

/**
 * Where the interleaved samples of a WAV or AIFF file are and how to read them: what a container reader
 * finds in the header, before any sample is touched.
 *
 * @param encoding   sample storage
 * @param order      byte order of multi-byte samples
 * @param channels   interleaved channels per frame
 * @param sampleRate frames per second
 * @param dataOffset byte offset of the first frame
 * @param frames     whole frames present (already clamped to the bytes actually there)
 */
record PcmLayout(SampleEncoding encoding, ByteOrder order, int channels, int sampleRate, int dataOffset, int frames) {
    int frameBytes() {
        return encoding.bytes() * channels;
    }
}
