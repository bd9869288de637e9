package io.github.ser.audio;

/**
 * One ISO base media (MP4) box of a file held in memory: its type and the bounds of its payload, read in place. A box
 * that runs past its parent ends where the parent does (the last box of a truncated file), so nothing read through a
 * box lies outside the file, and no box is ever copied.
 */
final class Mp4Box {
    final String type;
    /** First byte of the payload (after the size, type and any 64-bit size) and the byte after the box. */
    final int start;
    final int end;
    private final byte[] bytes;

    private Mp4Box(byte[] bytes, String type, int start, int end) {
        this.bytes = bytes;
        this.type = type;
        this.start = start;
        this.end = end;
    }

    /** The whole file, as the parent of its top-level boxes. */
    static Mp4Box file(byte[] bytes) {
        return new Mp4Box(bytes, "", 0, bytes.length);
    }

    int size() {
        return end - start;
    }

    /** The first child of this type whose header starts {@code skip} bytes into the payload, or null. */
    Mp4Box child(String wanted, int skip) throws AudioException {
        int pos = start + skip;
        while (pos <= end - 8) {
            long size = u32(pos - start);
            int header = 8;
            if (size == 1) {
                if (pos > end - 16) {
                    break;
                }
                size = u64(pos + 8 - start);
                header = 16;
            } else if (size == 0) {
                size = end - pos;     // "to the end of the file", as the last box may say
            }
            if (size < header) {
                throw new AudioException(AudioErrorCode.CORRUPT_AUDIO,
                        "MP4 box '" + ChunkIds.read(bytes, pos + 4) + "' gives a size of " + size + " bytes");
            }
            int boxEnd = (int) Math.min(end, pos + size);
            if (ChunkIds.matches(bytes, pos + 4, wanted)) {
                return new Mp4Box(bytes, wanted, pos + header, boxEnd);
            }
            pos = boxEnd;
        }
        return null;
    }

    Mp4Box child(String wanted) throws AudioException {
        return child(wanted, 0);
    }

    /** The box at the end of this path of first children, or null where one is missing. */
    Mp4Box find(String... path) throws AudioException {
        Mp4Box box = this;
        for (int i = 0; i < path.length && box != null; i++) {
            box = box.child(path[i]);
        }
        return box;
    }

    /** Every child of this type, in order (the tracks of a movie). */
    java.util.List<Mp4Box> children(String wanted) throws AudioException {
        java.util.List<Mp4Box> found = new java.util.ArrayList<>();
        int skip = 0;
        Mp4Box box;
        while ((box = child(wanted, skip)) != null) {
            found.add(box);
            skip = box.end - start;
        }
        return found;
    }

    boolean has(int offset, int length) {
        return offset >= 0 && length >= 0 && offset <= size() - length;
    }

    int u8(int offset) throws AudioException {
        require(offset, 1);
        return bytes[start + offset] & 0xff;
    }

    int u16(int offset) throws AudioException {
        require(offset, 2);
        return (bytes[start + offset] & 0xff) << 8 | bytes[start + offset + 1] & 0xff;
    }

    long u32(int offset) throws AudioException {
        require(offset, 4);
        int at = start + offset;
        return (bytes[at] & 0xffL) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | bytes[at + 3] & 0xff;
    }

    long u64(int offset) throws AudioException {
        return u32(offset) << 32 | u32(offset + 4);
    }

    String fourcc(int offset) throws AudioException {
        require(offset, 4);
        return ChunkIds.read(bytes, start + offset);
    }

    byte[] copy(int offset, int length) throws AudioException {
        require(offset, length);
        return java.util.Arrays.copyOfRange(bytes, start + offset, start + offset + length);
    }

    private void require(int offset, int length) throws AudioException {
        if (!has(offset, length)) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "MP4 box '" + type + "' is too short for its fields");
        }
    }
}
