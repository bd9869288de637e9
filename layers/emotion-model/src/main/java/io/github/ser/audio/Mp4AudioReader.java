package io.github.ser.audio;

/**
 * AAC in MP4/M4A (iPhone voice memos, Android recorders): our walk of the boxes finds the first audio track, its
 * decoder configuration and its {@link Mp4SampleTable}, whose declared duration is checked against the limit before
 * decoding; {@link AacFrames} turns each access unit into PCM (and conceals a bad one). The limit is also enforced
 * while decoding, in case the header lies. JCodec's own MP4 demuxer is not used: it allocated whatever the sample
 * tables' entry counts said before reading them (up to gigabytes for a 22 KB file), and a sample's size likewise.
 */
final class Mp4AudioReader {
    /** MPEG-4 audio and the three MPEG-2 AAC profiles (ISO 14496-1 objectTypeIndication). */
    private static final java.util.Set<Integer> AAC_OBJECT_TYPES = java.util.Set.of(0x40, 0x66, 0x67, 0x68);

    private Mp4AudioReader() {
    }

    static AudioClip read(byte[] bytes, AudioLimits limits, int targetRate) throws AudioException {
        Mp4Box moov = Mp4Box.file(bytes).child("moov");
        if (moov == null) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "MP4 file has no movie box (moov): truncated?");
        }
        Mp4Box track = audioTrack(moov);
        Mp4Box stbl = track.find("mdia", "minf", "stbl");
        Mp4Box mdhd = track.find("mdia", "mdhd");
        if (stbl == null || mdhd == null) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "MP4 audio track has no sample table");
        }
        byte[] config = decoderConfig(stbl);
        Mp4SampleTable samples = new Mp4SampleTable(stbl, bytes.length);
        long timescale = mdhd.u32(mdhd.u8(0) == 1 ? 20 : 12);
        if (timescale > 0 && samples.declaredDuration() / timescale > limits.maxDurationSeconds()) {
            HeaderChecks.duration(Math.round(samples.declaredDuration() / timescale * 1000), 1000, limits);
        }
        AacFrames frames = new AacFrames(config, limits, targetRate, bytes.length);
        samples.forEach((offset, size) -> frames.decode(java.util.Arrays.copyOfRange(bytes, offset, offset + size)));
        return frames.clip(samples.sampleCount() > 0);
    }

    /** The first track whose handler is sound, as JCodec's demuxer chose it. */
    private static Mp4Box audioTrack(Mp4Box moov) throws AudioException {
        for (Mp4Box trak : moov.children("trak")) {
            Mp4Box hdlr = trak.find("mdia", "hdlr");
            if (hdlr != null && hdlr.has(8, 4) && hdlr.fourcc(8).equals("soun")) {
                return trak;
            }
        }
        throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT, "MP4 file has no audio track");
    }

    /** The AudioSpecificConfig in the first sample description's {@code esds} (ISO 14496-1 descriptors). */
    private static byte[] decoderConfig(Mp4Box stbl) throws AudioException {
        Mp4Box stsd = stbl.child("stsd");
        if (stsd == null || !stsd.has(8, 8)) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "MP4 audio track has no sample description");
        }
        String codec = stsd.fourcc(12);
        Mp4Box entry = stsd.child(codec, 8);
        if (!codec.equals("mp4a") || entry == null) {
            throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT, "MP4 audio codec '" + codec
                    + "' is not supported; AAC is");
        }
        // the sound description's fields before its child boxes: 28 bytes, 16 more in QuickTime's version 1, 36 in 2
        int version = entry.u16(8);
        int fields = version == 1 ? 44 : version == 2 ? 64 : 28;
        Mp4Box esds = entry.child("esds", fields);
        if (esds == null) {
            Mp4Box wave = entry.child("wave", fields);
            esds = wave == null ? null : wave.child("esds");
        }
        if (esds == null) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "MP4 AAC track has no decoder configuration (esds)");
        }
        int at = descriptor(esds, 4, 0x03).start;      // ES_Descriptor, after the box's version and flags
        int flags = esds.u8(at + 2);
        at += 3 + ((flags & 0x80) != 0 ? 2 : 0);        // ES_ID, flags, dependsOn_ES_ID
        at += (flags & 0x40) != 0 ? 1 + esds.u8(at) : 0; // URL
        at += (flags & 0x20) != 0 ? 2 : 0;               // OCR_ES_Id
        Descriptor config = descriptor(esds, at, 0x04);   // DecoderConfigDescriptor
        int objectType = esds.u8(config.start);
        if (!AAC_OBJECT_TYPES.contains(objectType)) {
            throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT, "MP4 audio object type 0x"
                    + Integer.toHexString(objectType) + " is not AAC; AAC is supported");
        }
        Descriptor info = descriptor(esds, config.start + 13, 0x05);    // DecoderSpecificInfo: AudioSpecificConfig
        return esds.copy(info.start, info.end - info.start);
    }

    /** A descriptor's payload, from {@code start} to {@code end} within the {@code esds} box. */
    private record Descriptor(int start, int end) {
    }

    /** The descriptor with this tag at {@code at}; corrupt if another is there or it runs past the box. */
    private static Descriptor descriptor(Mp4Box esds, int at, int tag) throws AudioException {
        if (esds.u8(at) != tag) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "MP4 AAC decoder configuration (esds) is malformed");
        }
        int size = 0;
        int pos = at + 1;
        for (int i = 0; i < 4; i++) {                 // up to four bytes of 7 bits, high bit: more follow
            int b = esds.u8(pos++);
            size = size << 7 | (b & 0x7f);
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (!esds.has(pos, size)) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "MP4 AAC decoder configuration (esds) is truncated");
        }
        return new Descriptor(pos, pos + size);
    }
}
