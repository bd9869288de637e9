package io.github.ser.audio;

import java.nio.charset.StandardCharsets;

/** Four-character codes (RIFF and IFF chunk ids, magic numbers) read safely from untrusted bytes. */
final class ChunkIds {
    private ChunkIds() {
    }

    static boolean matches(byte[] bytes, int offset, String id) {
        if (offset < 0 || offset > bytes.length - id.length()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (bytes[offset + i] != (byte) id.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The id at {@code offset}, printable for error messages (non-ASCII bytes shown as '?'). */
    static String read(byte[] bytes, int offset) {
        if (offset < 0 || offset > bytes.length - 4) {
            return "";
        }
        byte[] printable = new byte[4];
        for (int i = 0; i < 4; i++) {
            byte b = bytes[offset + i];
            printable[i] = b >= 0x20 && b < 0x7f ? b : (byte) '?';
        }
        return new String(printable, StandardCharsets.US_ASCII);
    }

    /** Whether four bytes could be a chunk id: RIFF and IFF ids are printable ASCII. */
    static boolean plausible(byte[] bytes, int offset) {
        if (offset < 0 || offset > bytes.length - 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (bytes[offset + i] < 0x20 || bytes[offset + i] >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
