package io.github.ser.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user's labelled folder: labels, speakers from folders or speakers.tsv, refusals. */
class UserClipsTest {

    @TempDir
    Path dir;

    @Test
    void labelFoldersInAnyCaseAndSynonymsAreEmotionsAndEachFileIsItsOwnSpeaker() throws IOException {
        touch("Happy/a.wav", "fear/b.webm", "ANGER/c.flac", "happy/.DS_Store");

        List<LabeledClip> clips = UserClips.scan(dir);

        assertEquals(List.of("angry", "happy", "fearful"), clips.stream().map(LabeledClip::emotion).toList());
        assertTrue(clips.stream().allMatch(c -> c.corpus().equals("user")));
        assertEquals(3, clips.stream().map(LabeledClip::speaker).distinct().count());
        assertFalse(UserClips.speakersKnown(clips));
    }

    @Test
    void speakersComeFromSpeakersTsvByPathOrBareName() throws IOException {
        touch("happy/a.wav", "sad/b.wav", "sad/c.wav");
        Files.writeString(dir.resolve("speakers.tsv"), "file\tspeaker\n# two of three\nhappy/a.wav\tanna\n\nb.wav\tbob\n");

        List<LabeledClip> clips = UserClips.scan(dir);

        assertEquals(3, clips.size(), "speakers.tsv is not a clip");
        assertEquals("user-anna", clips.get(0).speaker());
        assertEquals("user-bob", clips.get(1).speaker());
        assertTrue(clips.get(2).speaker().startsWith("user-file:"), clips.get(2).speaker());
        assertTrue(UserClips.speakersKnown(clips));
    }

    @Test
    void speakerFoldersAboveLabelFolders() throws IOException {
        touch("anna/sad/x.wav", "anna/calm/y.wav", "bob/Sad/z.wav");

        List<LabeledClip> clips = UserClips.scan(dir);

        assertEquals(List.of("calm", "sad", "sad"), clips.stream().map(LabeledClip::emotion).toList());
        assertEquals(List.of("user-anna", "user-anna", "user-bob"), clips.stream().map(LabeledClip::speaker).toList());
    }

    @Test
    void aFolderNamedAsNoEmotionIsRefusedWithTheLabelsThatAre() throws IOException {
        touch("happy/a.wav", "hapy/b.wav");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserClips.scan(dir));

        assertTrue(e.getMessage().contains("folder 'hapy'"), e.getMessage());
        assertTrue(e.getMessage().contains("neutral, calm, happy, sad, angry, fearful, disgust, surprised"),
                e.getMessage());
    }

    @Test
    void otherLayoutsAreRefused() throws IOException {
        touch("a/b/happy/c.wav");

        assertTrue(assertThrows(IllegalArgumentException.class, () -> UserClips.scan(dir)).getMessage()
                .contains("not laid out as <label>/<file> or <speaker>/<label>/<file>"));
        assertThrows(IOException.class, () -> UserClips.scan(dir.resolve("missing")));
    }

    @Test
    void aSpeakersLineWithoutASpeakerIsRefusedWithItsNumber() throws IOException {
        touch("happy/a.wav");
        Files.writeString(dir.resolve("speakers.tsv"), "a.wav\tanna\nb.wav\n");

        assertTrue(assertThrows(IllegalArgumentException.class, () -> UserClips.scan(dir)).getMessage()
                .contains("line 2: expected file<TAB>speaker"));
    }

    private void touch(String... files) throws IOException {
        for (String f : files) {
            Files.createDirectories(dir.resolve(f).getParent());
            Files.write(dir.resolve(f), new byte[] {1});
        }
    }
}
