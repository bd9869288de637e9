package io.github.ser.local;

import io.github.ser.audio.AudioClip;
import io.github.ser.audio.AudioDecoder;
import io.github.ser.audio.AudioException;
import io.github.ser.audio.AudioLimits;
import io.github.ser.audio.Resampler;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.TestAudio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real speech from ../shared, decoded and resampled by the engine, written as the 16-bit WAV browsers want. */
final class SpeechClips {

    private SpeechClips() {
    }

    /** A clip of ../shared at {@code rate}, mono. */
    static float[] load(String relative, int rate) throws IOException, AudioException {
        AudioClip clip = new AudioDecoder(AudioLimits.defaults()).decode(RepoFiles.sharedBytes(relative));
        return Resampler.resample(clip.samples(), clip.sampleRate(), rate);
    }

    /** Several clips one after another with {@code pauseSeconds} of silence between, as one long recording. */
    static float[] concatenate(int rate, double pauseSeconds, float[]... clips) {
        int pause = (int) Math.round(pauseSeconds * rate);
        int length = 0;
        for (float[] clip : clips) {
            length += clip.length + pause;
        }
        float[] out = new float[length];
        int offset = 0;
        for (float[] clip : clips) {
            System.arraycopy(clip, 0, out, offset, clip.length);
            offset += clip.length + pause;
        }
        return out;
    }

    static Path writeWav(Path file, float[] samples, int rate) throws IOException {
        return Files.write(file, TestAudio.wav16(samples, rate));
    }
}
