package io.github.ser.audio;

import io.github.ser.EmotionRecognizer;
import io.github.ser.Prediction;
import io.github.ser.RecognizerSettings;
import io.github.ser.testing.CompressedClips;
import io.github.ser.testing.SharedData;
import io.github.ser.testing.ShippedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compressed clips give nearly the prediction of their lossless original with the committed model. The fixtures in
 * {@code src/test/resources/compressed/} were made once, with ffmpeg 5.1 (Debian 12), from the RAVDESS clip
 * {@code ../shared/datasets/ravdess-speech-16k/Actor_01/03-01-05-02-01-01-01.flac} (16 kHz mono, angry):
 * <pre>
 * S=../shared/datasets/ravdess-speech-16k/Actor_01/03-01-05-02-01-01-01.flac
 * F="ffmpeg -y -i $S -map_metadata -1"
 * $F -c:a libmp3lame -b:a 32k angry-16k-32k.mp3
 * $F -c:a libmp3lame -ar 44100 -ac 2 -b:a 64k angry-44k-stereo-64k.mp3
 * $F -c:a aac -b:a 64k angry-64k.m4a        # JAAD mis-decodes ffmpeg's AAC below 48 kbps (formats.md)
 * $F -c:a libvorbis -q:a 3 angry-q3.ogg
 * $F -c:a libopus -b:a 24k angry-24k.opus
 * $F -c:a libopus -b:a 24k angry-24k.webm
 * $F -c:a libopus -b:a 24k -live 1 angry-24k-live.webm      # unknown-size segment and clusters, as MediaRecorder
 * $F -c:a pcm_mulaw -ar 8000 angry-8k-mulaw.wav
 * $F -c:a pcm_alaw -ar 8000 angry-8k-alaw.wav
 * </pre>
 */
class CompressedFormatsTest {
    private static final Path ORIGINAL = Path.of("ravdess-speech-16k/Actor_01/03-01-05-02-01-01-01.flac");
    /** How far below the top probability the original's emotion may fall: a near-tie that coding noise may flip. */
    private static final double TIE = 0.01;

    static EmotionRecognizer recognizer;
    static Prediction original;
    /** The lossless original resampled to 8 kHz by the engine, as 16-bit PCM WAV. */
    static Prediction narrowband;
    static float[] originalSamples;

    @BeforeAll
    static void loadModel() throws Exception {
        recognizer = EmotionRecognizer.load(ShippedModel.require(), RecognizerSettings.defaults());
        byte[] lossless = Files.readAllBytes(SharedData.datasets().resolve(ORIGINAL));
        original = recognizer.recognize(lossless);
        originalSamples = new AudioDecoder(AudioLimits.defaults()).decode(lossless).samples();
        narrowband = recognizer.recognize(WavWriter.pcm16(Resampler.resample(originalSamples, 16000, 8000), 8000));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "angry-16k-32k.mp3,         mp3,  16000, 1",
            "angry-44k-stereo-64k.mp3,  mp3,  44100, 2",
            "angry-64k.m4a,             m4a,  16000, 1",
            "angry-q3.ogg,              ogg,  16000, 1",
            "angry-24k.opus,            ogg,  48000, 1",
            "angry-24k.webm,            webm, 48000, 1",
            "angry-24k-live.webm,       webm, 48000, 1",
            "angry-8k-mulaw.wav,        wav,  8000,  1",
            "angry-8k-alaw.wav,         wav,  8000,  1",
    })
    void decodesToTheOriginalsLengthAndGivesItsPrediction(String file, String format, int rate, int channels)
            throws Exception {
        byte[] bytes = new CompressedClips.Clip(file, "").bytes();
        AudioClip clip = new AudioDecoder(AudioLimits.defaults()).decode(bytes);
        assertEquals(format, clip.format());
        assertEquals(rate, clip.sampleRate());
        assertEquals(channels, clip.channels());
        double originalSeconds = originalSamples.length / 16000.0;
        // encoders pad to whole frames, and MP3 and AAC add their priming delay: within 0.15 s of the original
        assertEquals(originalSeconds, clip.durationSeconds(), 0.15, file);

        Prediction p = recognizer.recognize(bytes);
        // telephony clips are compared with the same speech at their own rate: 8 kHz leaves out everything above
        // 4 kHz, and that band, not the 8-bit G.711 coding, is what the model notices
        Prediction original = rate == 8000 ? narrowband : CompressedFormatsTest.original;

        System.out.printf("%-26s %6d bytes  %-8s %.3f  (original %s %.3f)  max |dp| %.3f%n", file, bytes.length,
                p.emotion(), p.confidence(), original.emotion(), original.confidence(), maxDifference(p, original));
        // the original's emotion stays on top, or within the coding's noise of it: an earlier
        // multi-corpus model heard the 8 kHz original as angry (0.243) and its G.711 copies as fearful (0.245), angry
        // less than TIE behind
        double originalsEmotion = p.probabilities().get(original.emotion());
        assertTrue(p.confidence() - originalsEmotion <= TIE, file + ": " + p.emotion() + " " + p.confidence()
                + " but " + original.emotion() + " " + originalsEmotion);
        // the shipped model moves at most 0.02 (formats.md); the v1 model, which read 4-8 kHz too, moved up to 0.28.
        // Its calibrated probabilities all sit below 0.3, so the bound of 0.35 used with v1 could never fail
        assertTrue(maxDifference(p, original) < 0.1, file + ": " + p.probabilities() + " vs " + original.probabilities());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"angry-16k-32k.mp3", "angry-64k.m4a", "angry-q3.ogg",
            "angry-24k.opus", "angry-24k.webm", "angry-24k-live.webm", "angry-8k-mulaw.wav"})
    void theDurationLimitHoldsForEveryFormatWithOrWithoutALengthInTheHeader(String file) {
        byte[] bytes = new CompressedClips.Clip(file, "").bytes();
        AudioDecoder strict = new AudioDecoder(new AudioLimits(AudioLimits.DEFAULT_MAX_BYTES, 2.0));

        AudioException e = org.junit.jupiter.api.Assertions.assertThrows(AudioException.class, () -> strict.decode(bytes));

        assertEquals(AudioErrorCode.TOO_LONG, e.code(), e.getMessage());
    }

    /** Truncated and bit-flipped compressed files: a typed error or a clip, never another exception or a hang. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"angry-16k-32k.mp3", "angry-44k-stereo-64k.mp3",
            "angry-64k.m4a", "angry-q3.ogg", "angry-24k.opus", "angry-24k.webm", "angry-24k-live.webm"})
    void damagedFilesFailWithATypedErrorOrStillDecode(String file) {
        byte[] good = new CompressedClips.Clip(file, "").bytes();
        AudioDecoder decoder = new AudioDecoder(AudioLimits.defaults());
        java.util.Random random = new java.util.Random(file.hashCode());
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
            for (int trial = 0; trial < 40; trial++) {
                byte[] bad = trial < 20
                        ? java.util.Arrays.copyOf(good, 1 + random.nextInt(good.length - 1))
                        : flip(good, random, 1 + random.nextInt(8));
                try {
                    decoder.decode(bad);
                } catch (AudioException expected) {
                    // the typed answer for a broken file
                }
            }
        });
    }

    private static byte[] flip(byte[] good, java.util.Random random, int bytes) {
        byte[] bad = good.clone();
        for (int i = 0; i < bytes; i++) {
            bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return bad;
    }

    private static double maxDifference(Prediction a, Prediction b) {
        return a.probabilities().entrySet().stream()
                .mapToDouble(e -> Math.abs(e.getValue() - b.probabilities().get(e.getKey())))
                .max().orElseThrow();
    }

}
