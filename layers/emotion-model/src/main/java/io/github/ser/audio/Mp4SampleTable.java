package io.github.ser.audio;

/**
 * Where a track's samples lie, from its sample table ({@code stbl}: sizes {@code stsz}, samples per chunk
 * {@code stsc}, chunk offsets {@code stco} or {@code co64}, durations {@code stts}), read in place. Every entry
 * count is checked against what its box holds before anything is read, and no table is copied: memory and work are
 * bounded by the file, never by a count in its header (a 22 KB file whose {@code stsz} claimed 2^30 entries made
 * JCodec's demuxer allocate gigabytes before it gave up).
 */
final class Mp4SampleTable {
    /** What {@link #forEach} hands each sample to. */
    @FunctionalInterface
    interface SampleVisitor {
        void sample(int offset, int size) throws AudioException;
    }

    private final Mp4Box sizes;
    private final Mp4Box chunks;
    private final Mp4Box offsets;
    private final Mp4Box durations;
    private final boolean wideOffsets;
    private final long fixedSize;
    private final long sampleCount;
    private final int fileLength;

    Mp4SampleTable(Mp4Box stbl, int fileLength) throws AudioException {
        this.fileLength = fileLength;
        sizes = stbl.child("stsz");
        chunks = stbl.child("stsc");
        Mp4Box stco = stbl.child("stco");
        wideOffsets = stco == null;
        offsets = wideOffsets ? stbl.child("co64") : stco;
        durations = stbl.child("stts");
        if (sizes == null || chunks == null || offsets == null) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "MP4 audio track has no complete sample table");
        }
        fixedSize = sizes.u32(4);
        sampleCount = sizes.u32(8);
        if (fixedSize == 0) {
            entries(sizes, 8, 4);
        }
        entries(chunks, 4, 12);
        entries(offsets, 4, wideOffsets ? 8 : 4);
        if (durations != null) {
            entries(durations, 4, 8);
        }
    }

    /** Samples the table declares. */
    long sampleCount() {
        return sampleCount;
    }

    /** Sum of the sample durations, in the track's time scale; 0 without a {@code stts}. */
    double declaredDuration() throws AudioException {
        double total = 0;
        for (int i = 0, n = durations == null ? 0 : entries(durations, 4, 8); i < n; i++) {
            total += (double) durations.u32(8 + 8 * i) * durations.u32(12 + 8 * i);
        }
        return total;
    }

    /**
     * Hands every sample that lies within the file to {@code visitor}, in decoding order; stops at the first sample
     * that runs past the end of the file (the rest of a truncated file is missing, not wrong).
     */
    void forEach(SampleVisitor visitor) throws AudioException {
        int chunkCount = entries(offsets, 4, wideOffsets ? 8 : 4);
        int runs = entries(chunks, 4, 12);
        int run = 0;
        long sample = 0;
        for (int chunk = 0; chunk < chunkCount && sample < sampleCount; chunk++) {
            // stsc runs: (first chunk, numbered from 1; samples in each chunk; description)
            while (run + 1 < runs && chunks.u32(8 + 12 * (run + 1)) <= chunk + 1L) {
                run++;
            }
            long perChunk = runs == 0 ? 0 : chunks.u32(8 + 12 * run + 4);
            long offset = wideOffsets ? offsets.u64(8 + 8 * chunk) : offsets.u32(8 + 4 * chunk);
            for (long i = 0; i < perChunk && sample < sampleCount; i++, sample++) {
                long size = fixedSize != 0 ? fixedSize : sizes.u32(12 + 4 * (int) sample);
                if (offset < 0 || size > fileLength - offset) {
                    return;
                }
                visitor.sample((int) offset, (int) size);
                offset += size;
            }
        }
    }

    /**
     * The entry count at {@code countAt} (after the version and flags), checked against what the box holds: each
     * entry is {@code entrySize} bytes and follows the count.
     */
    private static int entries(Mp4Box box, int countAt, int entrySize) throws AudioException {
        long count = box.u32(countAt);
        if (count > (box.size() - countAt - 4L) / entrySize) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "MP4 '" + box.type + "' box declares " + count
                    + " entries but holds room for " + Math.max(0, (box.size() - countAt - 4L) / entrySize));
        }
        return (int) count;
    }
}
