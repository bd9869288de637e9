package io.github.ser.audio;

/** Names common non-WAV/AIFF/FLAC inputs from their first bytes, so the error tells people what they sent. */
final class ForeignFormat {
    private ForeignFormat() {
    }

    /** A short description of what the bytes from {@code at} look like, or null when nothing is recognised. */
    static String name(byte[] b, int at, boolean hadId3Tag) {
        if (ChunkIds.matches(b, at, "OggS")) {
            return "Ogg (Vorbis/Opus)";
        }
        if (ChunkIds.matches(b, at, "\u001A\u0045\u00DF\u00A3")) {
            return "WebM/Matroska";
        }
        if (ChunkIds.matches(b, at + 4, "ftyp")) {
            return "MP4/M4A/3GP";
        }
        if (at <= b.length - 2 && (b[at] & 0xff) == 0xff && (b[at + 1] & 0xe0) == 0xe0) {
            return (b[at + 1] & 0xf6) == 0xf0 ? "AAC (ADTS)" : "MP3";
        }
        if (hadId3Tag) {
            return "MP3 (ID3-tagged)";
        }
        if (ChunkIds.matches(b, at, "caff")) {
            return "Core Audio Format (CAF)";
        }
        if (ChunkIds.matches(b, at, ".snd")) {
            return "Sun/NeXT AU";
        }
        if (ChunkIds.matches(b, at, "#!AMR")) {
            return "AMR";
        }
        if (ChunkIds.matches(b, at, "MThd")) {
            return "MIDI (notes, not sound)";
        }
        return textLike(b, at) ? "text, not audio" : null;
    }

    private static boolean textLike(byte[] b, int at) {
        int end = Math.min(b.length, at + 64);
        for (int i = at; i < end; i++) {
            int c = b[i] & 0xff;
            if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) {
                return false;
            }
        }
        return end > at;
    }
}
