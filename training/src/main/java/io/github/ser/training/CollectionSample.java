package io.github.ser.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Which clips of a held-out collection its feature moments are taken from, simulating what a deployment has analysed
 * before it standardises (no labels are used for that, only to draw the mix): real traffic is mostly neutral, and a
 * deployment starts with few clips. A seeded draw, so a run is repeatable.
 *
 * @param clips        how many clips at most (0 = as many as the mix allows)
 * @param neutralShare the share of neutral (and calm) clips in the sample; 0 = the collection's own mix (also taken
 *                     when the collection has no neutral clips, or nothing but neutral ones)
 * @param seed         seeds the draw
 */
public record CollectionSample(int clips, double neutralShare, long seed) {

    /** Every clip of the collection, in its own mix. */
    public static final CollectionSample ALL = new CollectionSample(0, 0, 0);

    public CollectionSample {
        if (clips < 0 || neutralShare < 0 || neutralShare >= 1) {
            throw new IllegalArgumentException("clips >= 0 and 0 <= neutral share < 1, got " + clips + ", "
                    + neutralShare);
        }
    }

    /** The clips of {@code collection} to take the moments from. */
    public FeatureTable draw(FeatureTable collection) {
        Random random = new Random(seed);
        List<Integer> neutral = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        for (int i = 0; i < collection.size(); i++) {
            String e = collection.clips().get(i).emotion();
            (e.equals("neutral") || e.equals("calm") ? neutral : other).add(i);
        }
        Collections.shuffle(neutral, random);
        Collections.shuffle(other, random);
        int neutrals;
        int others;
        // a collection without neutral clips, or with nothing else, cannot have the mix: it is taken as it is
        if (neutralShare == 0 || neutral.isEmpty() || other.isEmpty()) {
            double keep = clips == 0 ? 1 : Math.min(1, clips / (double) collection.size());
            neutrals = (int) Math.round(neutral.size() * keep);
            others = (int) Math.round(other.size() * keep);
        } else {
            // as many as the rarer side allows at this share, then at most `clips`
            double total = Math.min(neutral.size() / neutralShare, other.size() / (1 - neutralShare));
            if (clips > 0) {
                total = Math.min(total, clips);
            }
            neutrals = (int) Math.round(total * neutralShare);
            others = (int) Math.round(total * (1 - neutralShare));
        }
        Set<Integer> chosen = new HashSet<>(neutral.subList(0, Math.min(neutrals, neutral.size())));
        chosen.addAll(other.subList(0, Math.min(others, other.size())));
        return collection.select(chosen::contains);
    }

    /** For a protocol line. */
    public String describe() {
        String size = clips == 0 ? "all" : "at most " + clips;
        return neutralShare == 0 ? size + " of its clips"
                : size + " of its clips, " + Math.round(neutralShare * 100) + "% of them neutral or calm";
    }
}
