package io.github.ser.training;

import io.github.ser.features.FeatureMoments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Training-time removal of what a group of clips has in common: every feature is z-scored within its group (corpus
 * or speaker) and mapped back onto the pooled scale, so the classifier cannot learn a corpus's microphone or a
 * speaker's voice as a cue for the emotions that group happens to have. Only training rows are changed; the model's
 * {@code Standardize} filter still holds the pooled statistics. A clip to recognise keeps its own values unless its
 * collection's moments are known ({@link FeatureMoments#align}, the same step at test time).
 */
public enum GroupNormalisation {
    NONE(null),
    CORPUS(LabeledClip::corpus),
    /**
     * A corpus's recordings, and each kind of its augmented copies, are groups of their own: every channel is a
     * collection, as a deployment's phone-in-a-kitchen traffic is when it learns its own moments.
     */
    CHANNEL(c -> c.corpus() + "/" + c.augmentation().spec()),
    SPEAKER(c -> c.corpus() + "/" + c.speaker());

    private final Function<LabeledClip, String> group;

    GroupNormalisation(Function<LabeledClip, String> group) {
        this.group = group;
    }

    /** {@code rows[i]} belongs to {@code clips.get(i)}; returns new rows (the input is left alone). */
    public List<double[]> apply(List<double[]> rows, List<LabeledClip> clips) {
        return apply(rows, clips, Set.of());
    }

    /**
     * As above, leaving the clips of {@code asTheyAre} corpora alone: clips a model is tuned to (a user's, or a
     * held-out corpus's in {@code corpus-tune}) are learnt as they will be recognised, unnormalised.
     */
    public List<double[]> apply(List<double[]> rows, List<LabeledClip> clips, Set<String> asTheyAre) {
        if (group == null || rows.isEmpty()) {
            return rows;
        }
        FeatureMoments pooled = FeatureMoments.of(rows);
        Map<String, List<double[]>> members = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            members.computeIfAbsent(group.apply(clips.get(i)), g -> new ArrayList<>()).add(rows.get(i));
        }
        Map<String, FeatureMoments> groups = new HashMap<>();
        members.forEach((g, groupRows) -> groups.put(g, FeatureMoments.of(groupRows)));
        List<double[]> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            LabeledClip clip = clips.get(i);
            out.add(asTheyAre.contains(clip.corpus()) ? rows.get(i)
                    : groups.get(group.apply(clip)).align(rows.get(i), pooled));
        }
        return out;
    }
}
