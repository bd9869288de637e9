package io.github.ser.audio;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;

/**
 * The packets of an Ogg file's first logical stream (RFC 3533), in order, read by JOrbis's port of libogg: a page
 * whose checksum fails, and junk between pages, are skipped without a word, as players do (vorbis-java-core, used
 * before, printed a line to stderr for each, which landed in the JSON log). Pages are fed a block at a time, so
 * memory holds about one page beyond the file.
 */
final class OggPackets {
    private static final int FEED = 1 << 16;

    private final byte[] bytes;
    private final SyncState sync = new SyncState();
    private final StreamState stream = new StreamState();
    private final Page page = new Page();
    private final Packet packet = new Packet();
    private int fed;
    private boolean started;
    private int serial;

    OggPackets(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The next whole packet of the first stream, or null at the end (a truncated last page ends the stream). The
     * packet points into the reader's buffer and is valid until the next call.
     */
    Packet next() {
        while (true) {
            if (started) {
                int got;
                while ((got = stream.packetout(packet)) == -1) {
                    // a hole (a page lost to a bad checksum): the codec gets the packets after it
                }
                if (got == 1) {
                    return packet;
                }
            }
            int found = sync.pageout(page);
            if (found == 0) {
                if (fed == bytes.length) {
                    return null;
                }
                int n = Math.min(FEED, bytes.length - fed);
                int at = sync.buffer(n);
                System.arraycopy(bytes, fed, sync.data, at, n);
                sync.wrote(n);
                fed += n;
            } else if (found > 0) {
                if (!started) {
                    serial = page.serialno();
                    stream.init(serial);
                    started = true;
                }
                if (page.serialno() == serial) {
                    stream.pagein(page);
                }
            }
        }
    }

    /** A copy of the packet's bytes. */
    static byte[] data(Packet p) {
        return java.util.Arrays.copyOfRange(p.packet_base, p.packet, p.packet + p.bytes);
    }
}
