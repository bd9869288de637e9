package io.github.ser.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The three fetched corpora's layouts and plain label folders, on empty files laid out as each corpus is. */
class CorpusLayoutTest {

    @Test
    void nemoTakesLabelsAndSpeakersFromItsTable(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("samples"));
        touch(root.resolve("samples/EB0_anger_1.wav"));
        touch(root.resolve("samples/WR0_happiness_2.wav"));
        touch(root.resolve("samples/SM0_sadness_3.wav"));
        Files.writeString(root.resolve("data.tsv"), """
                file_id\temotion\traw_text\tnormalized_text\tspeaker_id\tgender\tage
                EB0_anger_1.wav\tanger\tA.\ta\t        EB0\tfemale\t27
                WR0_happiness_2.wav\thappiness\tB.\tb\tWR0\tmale\t23
                SM0_sadness_3.wav\tsadness\tC.\tc\tSM0\tmale\t23
                XX0_neutral_9.wav\tneutral\tD.\td\tXX0\tmale\t30
                """);

        List<LabeledClip> clips = CorpusScanner.scan(root);

        assertEquals(List.of("angry", "sad", "happy"), clips.stream().map(LabeledClip::emotion).toList(),
                "sorted by file; the row without a file is left out");
        assertEquals(List.of("nemo-EB0", "nemo-SM0", "nemo-WR0"), clips.stream().map(LabeledClip::speaker).toList());
        assertEquals("nemo", clips.get(0).corpus());
    }

    @Test
    void asedTakesTheLabelFromTheFolderAndTheSpeakerFromTheLastField(@TempDir Path root) throws IOException {
        for (String folder : List.of("01Neutral", "02Fearful", "03Happy", "04Sad", "05Angry")) {
            Files.createDirectories(root.resolve(folder));
        }
        touch(root.resolve("01Neutral/n1-01-01-01-01.wav"));
        touch(root.resolve("02Fearful/f2-03-02-02-65.wav"));
        touch(root.resolve("05Angry/a5-07-01-02-04.wav"));
        touch(root.resolve("README.md"));

        List<LabeledClip> clips = CorpusScanner.scan(root);

        assertEquals(List.of("neutral", "fearful", "angry"), clips.stream().map(LabeledClip::emotion).toList());
        assertEquals(List.of("ased-01", "ased-65", "ased-04"), clips.stream().map(LabeledClip::speaker).toList());
        assertEquals("ased", clips.get(0).corpus());
    }

    @Test
    void turevTakesTheLabelFromTheFolderAndTheSpeakerFromTheLeadingNumber(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("Sound Source/Calm"));
        Files.createDirectories(root.resolve("Sound Source/Angry"));
        touch(root.resolve("Sound Source/Calm/1157_hl_acik.wav"));
        touch(root.resolve("Sound Source/Angry/6783_kz_beste.wav"));

        List<LabeledClip> clips = CorpusScanner.scan(root);

        assertEquals(List.of("angry", "calm"), clips.stream().map(LabeledClip::emotion).toList());
        assertEquals(List.of("turev-6783", "turev-1157"), clips.stream().map(LabeledClip::speaker).toList());
        assertEquals("turev", clips.get(0).corpus());
    }

    @Test
    void anyOtherFolderOfLabelFoldersIsACorpusOfItsOwn(@TempDir Path parent) throws IOException {
        Path root = Files.createDirectories(parent.resolve("MyClips"));
        Files.createDirectories(root.resolve("happy"));
        Files.createDirectories(root.resolve("Anger"));
        Files.createDirectories(root.resolve("unknown-label"));
        touch(root.resolve("happy/one.wav"));
        touch(root.resolve("Anger/two.flac"));
        touch(root.resolve("happy/notes.txt"));
        touch(root.resolve("unknown-label/three.wav"));

        List<LabeledClip> clips = CorpusScanner.scan(root);

        assertEquals(List.of("angry", "happy"), clips.stream().map(LabeledClip::emotion).toList());
        assertEquals("myclips", clips.get(0).corpus());
        assertEquals(2, clips.stream().map(LabeledClip::speaker).distinct().count(), "unknown speakers stay apart");
    }

    @Test
    void everyKnownCorpusNamesItsLicence() {
        for (CorpusLayout layout : CorpusLayout.values()) {
            assertEquals(layout, CorpusLayout.byId(layout.id()).orElseThrow());
        }
        assertEquals("CC BY-NC-SA 4.0", CorpusLayout.byId("nemo").orElseThrow().licence());
        assertEquals("Turkish", CorpusLayout.byId("turev").orElseThrow().language());
    }

    private static void touch(Path file) throws IOException {
        Files.write(file, new byte[0]);
    }
}
