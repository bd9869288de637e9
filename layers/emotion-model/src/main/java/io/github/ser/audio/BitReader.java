package io.github.ser.audio;

/**
 * Big-endian bit reading over a byte array, with a 64-bit look-ahead so that Rice codes cost a couple of shifts.
 * Reading past the end throws {@link EndOfData}, which callers treat as a truncated frame.
 */
final class BitReader {
    /** Thrown when a read needs bits beyond the end of the data. */
    static final class EndOfData extends Exception {
        EndOfData() {
            super("end of data", null, false, false);
        }
    }

    private final byte[] data;
    private int next;   // next byte to load into the cache
    private long cache; // unread bits, left-aligned; bits below the valid ones are zero
    private int cached;

    BitReader(byte[] data, int start) {
        this.data = data;
        this.next = start;
    }

    /** Byte offset of the next unread bit, when byte-aligned. */
    int bytePosition() {
        return next - cached / 8;
    }

    void seekByte(int position) {
        next = position;
        cache = 0;
        cached = 0;
    }

    void alignToByte() {
        int drop = cached % 8;
        cache <<= drop;
        cached -= drop;
    }

    /** Unsigned value of the next {@code n} bits, 0 to 32. */
    int bits(int n) throws EndOfData {
        if (n == 0) {
            return 0;
        }
        if (cached < n) {
            refill(n);
        }
        int value = (int) (cache >>> (64 - n));
        cache <<= n;
        cached -= n;
        return value;
    }

    /** Two's-complement value of the next {@code n} bits, 0 to 32. */
    int signedBits(int n) throws EndOfData {
        return n == 0 ? 0 : (bits(n) << (32 - n)) >> (32 - n);
    }

    /** Number of zero bits before the next one bit, which is consumed too. */
    int unary() throws EndOfData {
        int zeros = 0;
        while (cache == 0) { // only valid bits can be set, so a set bit is a real one
            zeros += cached;
            cached = 0;
            refill(1);
        }
        int z = Long.numberOfLeadingZeros(cache);
        cache = cache << z << 1; // two shifts: a single shift by 64 would be no shift at all
        cached -= z + 1;
        return zeros + z;
    }

    /**
     * Rice-coded signed values (parameter k) into {@code out[from..to)}: FLAC's residual coding, and most of the
     * decoding time, hence the state kept in locals rather than going through {@link #unary} and {@link #bits}.
     */
    void rice(int[] out, int from, int to, int k) throws EndOfData {
        long c = cache;
        int n = cached;
        int p = next;
        byte[] d = data;
        for (int i = from; i < to; i++) {
            int q = 0;
            while (c == 0) {
                q += n;
                n = 0;
                for (; n <= 56 && p < d.length; n += 8) {
                    c |= (d[p++] & 0xffL) << (56 - n);
                }
                if (n == 0) {
                    throw new EndOfData();
                }
            }
            int z = Long.numberOfLeadingZeros(c);
            c = c << z << 1;
            n -= z + 1;
            if (n < k) {
                for (; n <= 56 && p < d.length; n += 8) {
                    c |= (d[p++] & 0xffL) << (56 - n);
                }
                if (n < k) {
                    throw new EndOfData();
                }
            }
            int u = ((q + z) << k) | (k == 0 ? 0 : (int) (c >>> (64 - k)));
            c <<= k;
            n -= k;
            out[i] = (u >>> 1) ^ -(u & 1);
        }
        cache = c;
        cached = n;
        next = p;
    }

    private void refill(int needed) throws EndOfData {
        while (cached <= 56 && next < data.length) {
            cache |= (data[next++] & 0xffL) << (56 - cached);
            cached += 8;
        }
        if (cached < needed) {
            throw new EndOfData();
        }
    }
}
