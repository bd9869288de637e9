package io.github.ser.training;

import io.github.ser.model.Emotions;
import io.github.ser.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusScannerTest {

    @Test
    void findsEveryRavdessClipWithItsEmotionAndActor() throws IOException {
        List<LabeledClip> clips = CorpusScanner.scan(SharedData.datasets().resolve("ravdess-speech-16k"));

        assertEquals(1440, clips.size());
        Map<String, Long> perEmotion = clips.stream()
                .collect(Collectors.groupingBy(LabeledClip::emotion, Collectors.counting()));
        assertEquals(96, perEmotion.get("neutral"));
        for (String emotion : Emotions.ALL.subList(1, 8)) {
            assertEquals(192, perEmotion.get(emotion), emotion);
        }
        assertEquals(24, clips.stream().map(LabeledClip::speaker).distinct().count());
        LabeledClip first = clips.stream()
                .filter(c -> c.file().getFileName().toString().equals("03-01-07-02-01-01-17.flac")).findFirst()
                .orElseThrow();
        assertEquals("disgust", first.emotion());
        assertEquals("ravdess-17", first.speaker());
        assertEquals(17, first.ravdessActor());
    }

    @Test
    void findsEveryTessClipWithCanonicalLabelsAndSpeaker() throws IOException {
        List<LabeledClip> clips = CorpusScanner.scan(SharedData.datasets().resolve("tess"));

        assertEquals(2800, clips.size());
        Map<String, Long> perEmotion = clips.stream()
                .collect(Collectors.groupingBy(LabeledClip::emotion, Collectors.counting()));
        assertEquals(Map.of("angry", 400L, "disgust", 400L, "fearful", 400L, "happy", 400L, "neutral", 400L,
                "surprised", 400L, "sad", 400L), perEmotion);
        assertEquals(Map.of("OAF", 1400L, "YAF", 1400L), clips.stream()
                .collect(Collectors.groupingBy(LabeledClip::speaker, Collectors.counting())));
        LabeledClip typo = clips.stream()
                .filter(c -> c.file().getFileName().toString().equals("OA_bite_neutral.flac")).findFirst()
                .orElseThrow();
        assertEquals("neutral", typo.emotion());
        assertEquals("OAF", typo.speaker());
        assertEquals(-1, typo.ravdessActor());
    }

    @Test
    void ignoresFilesOfNoKnownLayout(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("YAF_pleasant_surprised"));
        Files.createDirectories(dir.resolve("misc"));
        Files.write(dir.resolve("YAF_pleasant_surprised/YAF_dog_ps.wav"), new byte[0]);
        Files.write(dir.resolve("YAF_pleasant_surprised/notes.txt"), new byte[0]);
        Files.write(dir.resolve("misc/dog_angry.wav"), new byte[0]); // no OAF/YAF folder
        Files.write(dir.resolve("misc/03-01-09-01-01-01-01.wav"), new byte[0]); // emotion code 09 does not exist
        Files.write(dir.resolve("misc/03-01-05-01-01-01-02.WAV"), new byte[0]);

        List<LabeledClip> clips = CorpusScanner.scan(dir);

        // sorted by path: "YAF_..." sorts before "misc"
        assertEquals(List.of("surprised", "angry"), clips.stream().map(LabeledClip::emotion).toList());
        assertEquals("YAF", clips.get(0).speaker());
        assertEquals("ravdess-02", clips.get(1).speaker());
        assertTrue(clips.stream().allMatch(c -> Files.exists(c.file())));
    }

    @Test
    void aMissingFolderIsAnError(@TempDir Path dir) {
        assertThrows(IOException.class, () -> CorpusScanner.scan(dir.resolve("absent")));
    }
}
