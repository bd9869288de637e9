package io.github.ser.audio;

/**
 * Decodes one FLAC frame (RFC 9639 section 9) into integer samples per channel: frame header with its CRC-8,
 * CONSTANT / VERBATIM / FIXED / LPC subframes with partitioned Rice residuals, wasted bits, stereo decorrelation,
 * and the frame's CRC-16. A frame that cannot be parsed throws {@link BadFrame} and the caller looks for the next
 * sync code; a frame that parses but fails its CRC-16 comes out as silence, as libFLAC does.
 */
final class FlacFrameDecoder {
    /** A frame header or subframe that breaks the format: skip to the next sync code. */
    static final class BadFrame extends Exception {
        BadFrame(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_BLOCK = 65536;
    private static final int[] BITS = {0, 8, 12, 0, 16, 20, 24, 32};
    private static final int[] CRC8 = crcTable(8, 0x07);
    private static final int[] CRC16 = crcTable(16, 0x8005);
    /** CRC-16 of a high byte followed by a zero byte: CRC16_PAIR[h] = (CRC16[h] << 8) ^ CRC16[CRC16[h] >> 8]. */
    private static final int[] CRC16_PAIR = pairTable(CRC16);

    private final byte[] data;
    private final int channels;
    private final int bits;
    private final int[][] samples;
    private final int[] residual;
    private final int[] coefficients = new int[32];

    /** {@code maxBlockSize} from STREAMINFO (0 if unknown) sizes the buffers; larger frames are rejected. */
    FlacFrameDecoder(byte[] data, int channels, int bits, int maxBlockSize) {
        this.data = data;
        this.channels = channels;
        this.bits = bits;
        int capacity = maxBlockSize > 0 ? maxBlockSize : MAX_BLOCK;
        this.samples = new int[channels][capacity];
        this.residual = new int[capacity];
    }

    /** Channel buffers filled by {@link #decode}; the first block-size entries of each are valid. */
    int[][] samples() {
        return samples;
    }

    /** Decodes the frame starting at the reader's (byte-aligned) position and returns its block size. */
    int decode(BitReader in) throws BadFrame, BitReader.EndOfData {
        int start = in.bytePosition();
        int sync = in.bits(15);
        in.bits(1); // blocking strategy: the frame/sample number that follows is not needed
        if (sync != 0x7FFC) {
            throw new BadFrame("no frame sync");
        }
        int blockCode = in.bits(4);
        int rateCode = in.bits(4);
        int assignment = in.bits(4);
        int sizeCode = in.bits(3);
        if (in.bits(1) != 0 || blockCode == 0 || rateCode == 15 || assignment > 10 || sizeCode == 3) {
            throw new BadFrame("reserved value in frame header");
        }
        skipCodedNumber(in);
        int blockSize = blockCode == 6 ? in.bits(8) + 1 : blockCode == 7 ? in.bits(16) + 1 : blockSize(blockCode);
        if (rateCode >= 12) {
            in.bits(rateCode == 12 ? 8 : 16); // the rate is STREAMINFO's; these bytes only need skipping
        }
        int headerEnd = in.bytePosition();
        if (in.bits(8) != crc8(start, headerEnd)) {
            throw new BadFrame("frame header CRC mismatch");
        }
        if (blockSize > residual.length) {
            throw new BadFrame("block of " + blockSize + " samples exceeds STREAMINFO's maximum");
        }
        int frameChannels = assignment < 8 ? assignment + 1 : 2;
        if (frameChannels != channels || (sizeCode != 0 && BITS[sizeCode] != bits)) {
            throw new BadFrame("frame disagrees with STREAMINFO on channels or bit depth");
        }
        for (int c = 0; c < channels; c++) {
            boolean side = (assignment == 8 && c == 1) || (assignment == 9 && c == 0) || (assignment == 10 && c == 1);
            subframe(in, samples[c], blockSize, bits + (side ? 1 : 0));
        }
        in.alignToByte();
        int frameEnd = in.bytePosition();
        if (in.bits(16) != crc16(start, frameEnd)) {
            for (int[] channel : samples) {
                java.util.Arrays.fill(channel, 0, blockSize, 0);
            }
            return blockSize;
        }
        decorrelate(assignment, blockSize);
        return blockSize;
    }

    private static int blockSize(int code) {
        return code == 1 ? 192 : code <= 5 ? 576 << (code - 2) : 256 << (code - 8);
    }

    /** The UTF-8-style frame or sample number: 1 to 7 bytes, only skipped. */
    private static void skipCodedNumber(BitReader in) throws BadFrame, BitReader.EndOfData {
        int first = in.bits(8);
        int more = Integer.numberOfLeadingZeros(~(first << 24)); // leading one bits
        if (more == 1 || more > 7) {
            throw new BadFrame("bad coded frame number");
        }
        for (int i = 1; i < more; i++) {
            if ((in.bits(8) & 0xC0) != 0x80) {
                throw new BadFrame("bad coded frame number");
            }
        }
    }

    private void subframe(BitReader in, int[] out, int n, int sampleBits) throws BadFrame, BitReader.EndOfData {
        if (in.bits(1) != 0) {
            throw new BadFrame("subframe padding bit set");
        }
        int type = in.bits(6);
        int wasted = in.bits(1) == 1 ? in.unary() + 1 : 0;
        if (wasted >= sampleBits) {
            throw new BadFrame("too many wasted bits");
        }
        int width = sampleBits - wasted;
        if (type == 0) {
            java.util.Arrays.fill(out, 0, n, in.signedBits(width));
        } else if (type == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = in.signedBits(width);
            }
        } else if (type >= 8 && type <= 12) {
            fixed(in, out, n, width, type - 8);
        } else if (type >= 32) {
            lpc(in, out, n, width, type - 31);
        } else {
            throw new BadFrame("reserved subframe type " + type);
        }
        if (wasted > 0) {
            for (int i = 0; i < n; i++) {
                out[i] <<= wasted;
            }
        }
    }

    private void fixed(BitReader in, int[] out, int n, int width, int order) throws BadFrame, BitReader.EndOfData {
        warmUp(in, out, n, width, order);
        residual(in, n, order);
        for (int i = order; i < n; i++) {
            int r = residual[i];
            out[i] = switch (order) {
                case 0 -> r;
                case 1 -> r + out[i - 1];
                case 2 -> r + 2 * out[i - 1] - out[i - 2];
                case 3 -> r + 3 * (out[i - 1] - out[i - 2]) + out[i - 3];
                default -> r + 4 * (out[i - 1] + out[i - 3]) - 6 * out[i - 2] - out[i - 4];
            };
        }
    }

    private void lpc(BitReader in, int[] out, int n, int width, int order) throws BadFrame, BitReader.EndOfData {
        warmUp(in, out, n, width, order);
        int precision = in.bits(4) + 1;
        int shift = in.signedBits(5);
        if (precision == 16 || shift < 0) {
            throw new BadFrame("invalid LPC precision or shift");
        }
        int[] c = coefficients; // c[j] weighs out[i - 1 - j]
        for (int j = 0; j < order; j++) {
            c[j] = in.signedBits(precision);
        }
        residual(in, n, order);
        int log2Order = 31 - Integer.numberOfLeadingZeros(order);
        if (order <= 12 && width + precision + log2Order <= 32) {
            predictShort(out, n, order, shift);
        } else {
            for (int i = order; i < n; i++) {
                long sum = 0; // 24-bit samples times 15-bit coefficients over 32 taps overflow an int
                for (int j = 0; j < order; j++) {
                    sum += (long) c[j] * out[i - 1 - j];
                }
                out[i] = residual[i] + (int) (sum >> shift);
            }
        }
    }

    /**
     * The common case, as libFLAC does it: order at most 12 and an int sum (libFLAC's rule, which its encoder keeps
     * for 16-bit audio). A generic loop over so few taps runs ~2.5x slower; the switch falls through on purpose.
     */
    private void predictShort(int[] out, int n, int order, int shift) {
        int[] c = coefficients;
        int c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5];
        int c6 = c[6], c7 = c[7], c8 = c[8], c9 = c[9], c10 = c[10], c11 = c[11];
        for (int i = order; i < n; i++) {
            int sum = 0;
            switch (order) {
                case 12: sum += c11 * out[i - 12];
                case 11: sum += c10 * out[i - 11];
                case 10: sum += c9 * out[i - 10];
                case 9: sum += c8 * out[i - 9];
                case 8: sum += c7 * out[i - 8];
                case 7: sum += c6 * out[i - 7];
                case 6: sum += c5 * out[i - 6];
                case 5: sum += c4 * out[i - 5];
                case 4: sum += c3 * out[i - 4];
                case 3: sum += c2 * out[i - 3];
                case 2: sum += c1 * out[i - 2];
                default: sum += c0 * out[i - 1];
            }
            out[i] = residual[i] + (sum >> shift);
        }
    }

    private static void warmUp(BitReader in, int[] out, int n, int width, int order) throws BadFrame, BitReader.EndOfData {
        if (order > n) {
            throw new BadFrame("predictor order exceeds block size");
        }
        for (int i = 0; i < order; i++) {
            out[i] = in.signedBits(width);
        }
    }

    /** Partitioned Rice residual for samples order..n-1 (escape partitions hold raw signed values). */
    private void residual(BitReader in, int n, int order) throws BadFrame, BitReader.EndOfData {
        int method = in.bits(2);
        if (method > 1) {
            throw new BadFrame("reserved residual coding method");
        }
        int parameterBits = method == 0 ? 4 : 5;
        int escape = (1 << parameterBits) - 1;
        int partitionOrder = in.bits(4);
        int partitionSize = n >> partitionOrder;
        if (partitionSize << partitionOrder != n || partitionSize < order) {
            throw new BadFrame("residual partitions do not fit the block");
        }
        int i = order;
        for (int p = 0, end = partitionSize; p < 1 << partitionOrder; p++, end += partitionSize) {
            int parameter = in.bits(parameterBits);
            if (parameter == escape) {
                int raw = in.bits(5);
                for (; i < end; i++) {
                    residual[i] = in.signedBits(raw);
                }
            } else {
                in.rice(residual, i, end, parameter);
                i = end;
            }
        }
    }

    /** Assignments 8-10 code a stereo pair as one channel plus a side (difference) channel. */
    private void decorrelate(int assignment, int n) {
        if (assignment < 8) {
            return;
        }
        int[] a = samples[0];
        int[] b = samples[1];
        for (int i = 0; i < n; i++) {
            switch (assignment) {
                case 8 -> b[i] = a[i] - b[i];                // left, side
                case 9 -> a[i] += b[i];                      // side, right
                default -> {                                 // mid, side
                    int mid = (a[i] << 1) | (b[i] & 1);
                    int side = b[i];
                    a[i] = (mid + side) >> 1;
                    b[i] = (mid - side) >> 1;
                }
            }
        }
    }

    private int crc8(int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = CRC8[(crc ^ data[i]) & 0xff];
        }
        return crc;
    }

    /** CRC-16 two bytes per step ("slicing by two"): the two table look-ups no longer wait on each other. */
    private int crc16(int from, int to) {
        int crc = 0;
        int i = from;
        for (; i + 1 < to; i += 2) {
            crc = CRC16_PAIR[((crc >>> 8) ^ data[i]) & 0xff] ^ CRC16[(crc ^ data[i + 1]) & 0xff];
        }
        for (; i < to; i++) {
            crc = ((crc << 8) & 0xffff) ^ CRC16[((crc >>> 8) ^ data[i]) & 0xff];
        }
        return crc;
    }

    private static int[] pairTable(int[] table) {
        int[] pair = new int[256];
        for (int h = 0; h < 256; h++) {
            pair[h] = ((table[h] << 8) & 0xffff) ^ table[table[h] >>> 8];
        }
        return pair;
    }

    private static int[] crcTable(int width, int polynomial) {
        int[] table = new int[256];
        int top = 1 << (width - 1);
        int mask = (1 << width) - 1;
        for (int b = 0; b < 256; b++) {
            int crc = b << (width - 8);
            for (int k = 0; k < 8; k++) {
                crc = ((crc & top) != 0 ? (crc << 1) ^ polynomial : crc << 1) & mask;
            }
            table[b] = crc;
        }
        return table;
    }
}
