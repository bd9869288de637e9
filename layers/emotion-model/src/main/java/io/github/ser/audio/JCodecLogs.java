package io.github.ser.audio;

import org.jcodec.common.logging.Logger;

/**
 * JCodec logs to stdout unless it has a sink; a bad frame in a user's clip is not worth a line in every log, and it is
 * reported as an {@link AudioException} anyway. The first {@link #silence()} installs the one silent sink.
 */
final class JCodecLogs {
    static {
        Logger.addSink(message -> { });
    }

    private JCodecLogs() {
    }

    /** Loads this class, once: its initializer installs the sink. */
    static void silence() {
    }
}
