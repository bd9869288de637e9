package io.github.ser.function;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3TagsTest {

    @Test
    void onlyKeepsOurNamespaceInOrder() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("owner", "alice");
        tags.put("emotion", "sad");
        tags.put("emotional", "not ours");
        tags.put("emotion-model", "m1");

        assertEquals(List.of("emotion", "emotion-model"), List.copyOf(S3Tags.only(tags, S3Tags.OURS).keySet()));
    }

    @Test
    void keepsForeignTagsAndReplacesEveryTagInOurNamespace() {
        Map<String, String> existing = new LinkedHashMap<>();
        existing.put("project", "demo");
        existing.put("emotion", "sad");
        existing.put("emotion-status", "failed");
        existing.put("emotional", "not ours: different key");

        Map<String, String> merged = S3Tags.merge(existing, "emotion", Map.of("emotion", "happy"));

        assertEquals(Map.of("project", "demo", "emotional", "not ours: different key", "emotion", "happy"), merged);
    }

    @Test
    void aPersonsLabelSurvivesTheModelsTagsAndOnlyANewLabelReplacesIt() {
        Map<String, String> existing = new LinkedHashMap<>();
        existing.put("emotion", "sad");
        existing.put(S3Tags.LABEL, "calm");

        assertEquals(Map.of(S3Tags.LABEL, "calm", "emotion", "happy"),
                S3Tags.merge(existing, S3Tags.OURS, Map.of("emotion", "happy")), "analysed again");
        assertEquals(Map.of("emotion", "sad", S3Tags.LABEL, "angry"),
                S3Tags.merge(existing, S3Tags.LABEL, Map.of(S3Tags.LABEL, "angry")), "relabelled");
    }

    @Test
    void addsOursInOrderOnlyWhileTheTenTagLimitLeavesRoom() {
        Map<String, String> existing = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            existing.put("user" + i, "v" + i);
        }
        Map<String, String> ours = new LinkedHashMap<>();
        ours.put("emotion", "angry");
        ours.put("emotion-confidence", "0.900");
        ours.put("emotion-model", "m1");

        Map<String, String> merged = S3Tags.merge(existing, "emotion", ours);

        assertEquals(10, merged.size());
        assertEquals("angry", merged.get("emotion"));
        assertEquals("0.900", merged.get("emotion-confidence"));
        assertFalse(merged.containsKey("emotion-model"));
        existing.forEach((k, v) -> assertEquals(v, merged.get(k)));
    }

    @Test
    void cleansValuesOntoTheS3TagAlphabetAndLength() {
        assertEquals("model v1_2 @x:y/z+=.-_", S3Tags.clean("model v1,2 @x:y/z+=.-_", 256));
        assertEquals("été_", S3Tags.clean("été!", 256));
        assertEquals(256, S3Tags.clean("a".repeat(300), 256).length());
        assertTrue(S3Tags.owned("emotion-error", "emotion"));
        assertFalse(S3Tags.owned("emotions", "emotion"));
    }
}
