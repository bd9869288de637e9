package io.github.ser.function;

import io.github.ser.Prediction;
import io.github.ser.audio.AudioException;
import io.github.ser.audio.WavWriter;
import io.micronaut.context.annotation.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart: before Lambda snapshots an initialised function, one recognition runs on a short clip, so a restored
 * function starts with the model loaded and the decode → features → classifier path loaded and compiled, instead of
 * paying for that on its first request. Lambda's runtime drives the {@code org.crac} global context; where no
 * checkpoint is ever taken (on-demand Lambda, the local stack, tests) the hook never runs.
 *
 * <p>The clip is made here, not shipped: 1.5 s of a voiced, vowel-like tone at 16 kHz, encoded as a WAV file like an
 * upload, so priming also reads a header. A failure is thrown on: Lambda then refuses to publish the version, which
 * is better than publishing one whose model does not load.
 */
@Context
public class SnapStartPriming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    private static final int RATE = 16_000;

    private final RecognizerProvider recognizers;

    public SnapStartPriming(RecognizerProvider recognizers) {
        this.recognizers = recognizers;
        Core.getGlobalContext().register(this); // this bean lives as long as the context, so the registration does
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws AudioException {
        Prediction primed = prime();
        LOG.info("Primed for the snapshot: model {} answered {} in {} ms of features", primed.model(),
                primed.emotion(), Math.round(primed.timings().featuresMillis()));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the S3 client resolves credentials per request and opens connections on demand
    }

    /** One full recognition, exactly as a request makes it. */
    Prediction prime() throws AudioException {
        return recognizers.get().recognize(primingClip());
    }

    /** A 140 Hz tone with its first harmonics, opened and closed like three syllables. */
    static byte[] primingClip() {
        float[] samples = new float[RATE * 3 / 2];
        for (int i = 0; i < samples.length; i++) {
            double t = (double) i / RATE;
            double voice = 0;
            for (int harmonic = 1; harmonic <= 8; harmonic++) {
                voice += Math.sin(2 * Math.PI * 140 * harmonic * t) / harmonic;
            }
            double syllables = Math.pow(Math.sin(Math.PI * 2 * t), 2); // two rises and falls per second
            samples[i] = (float) (0.2 * syllables * voice);
        }
        return WavWriter.pcm16(samples, RATE);
    }
}
