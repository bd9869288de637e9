package io.github.ser.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.testing.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real files in ../shared: quirky originals, and every clip the golden librosa reference was computed on. */
class SampleFilesTest {
    private final AudioDecoder decoder = new AudioDecoder(AudioLimits.defaults());

    /** Expected frame counts come from each file's own data/COMM chunk, read by hand with xxd. */
    @ParameterizedTest
    @CsvSource({
        "03-01-05-02-01-01-01.wav, wav,  48000, 1, 196997",
        "03-01-06-01-01-02-20.wav, wav,  48000, 2, 209809",
        "OAF_food_fear.wav,        wav,  96000, 1, 145172",
        "YAF_germ_angry.wav,       aiff, 24414, 1, 53847",
    })
    void quirkySamplesDecodeByContentNotName(String name, String format, int rate, int channels, int frames)
            throws Exception {
        AudioClip clip = decoder.decode(Files.readAllBytes(SharedData.datasets().resolve("samples").resolve(name)));
        assertEquals(format, clip.format());
        assertEquals(rate, clip.sampleRate());
        assertEquals(channels, clip.channels());
        assertEquals(frames, clip.samples().length);
    }

    @Test
    void goldenReferenceClipsDecodeToTheLengthLibrosaSaw() throws Exception {
        JsonNode golden = new ObjectMapper().readTree(SharedData.golden().resolve("librosa-0.10.2.json").toFile());
        for (JsonNode item : golden.get("items")) {
            String file = item.get("file").asText();
            Path path = file.startsWith("signals/") ? SharedData.golden().resolve(file) : SharedData.datasets().resolve(file);
            AudioClip clip = decoder.decode(Files.readAllBytes(path));
            assertEquals(item.get("sr").asInt(), clip.sampleRate(), file);
            assertEquals(item.get("samples").asInt(), clip.samples().length, file);
        }
    }

    @Test
    void goldenSignalsAreInt16Over32768BitForBit() throws Exception {
        for (String name : new String[] {"sine440-16k.wav", "noise-16k.wav", "chirp-16k.wav", "sine1k-48k.wav"}) {
            byte[] bytes = Files.readAllBytes(SharedData.golden().resolve("signals").resolve(name));
            float[] samples = decoder.decode(bytes).samples();
            ByteBuffer pcm = dataChunk(bytes);
            for (int i = 0; i < samples.length; i++) {
                assertEquals(pcm.getShort() / 32768f, samples[i], 0f, name + " sample " + i);
            }
        }
    }

    /** The 'data' chunk body of a plain 16-bit WAV, found independently of the decoder under test. */
    private static ByteBuffer dataChunk(byte[] wav) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        for (int pos = 12; pos + 8 <= wav.length; pos += 8 + b.getInt(pos + 4) + (b.getInt(pos + 4) & 1)) {
            if (new String(wav, pos, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("data")) {
                return ByteBuffer.wrap(wav, pos + 8, b.getInt(pos + 4)).order(ByteOrder.LITTLE_ENDIAN);
            }
        }
        throw new IOException("no data chunk");
    }
}
