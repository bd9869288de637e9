package io.github.ser.training;

import io.github.ser.dsp.ArgMax;
import io.github.ser.model.Emotions;
import io.github.ser.model.ModelArtifact;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Tuning the default recipe to a user's voices ({@code ser tune}) and measuring what that gains ({@code ser evaluate
 * --protocol corpus-tune}). The user's clips are a corpus of their own, each weighing w of the corpora's clips of its
 * class ({@link TrainingWeights#balanced(List, Map)}); w is chosen from {@link #WEIGHTS} on held-out user clips that no
 * candidate model trained on (speaker-disjoint when speakers are known, else by file; fixed seed).
 */
public final class TuneProtocol {

    /** The weights tried: each of the user's clips counts as 3, 10 or 30 of the corpora's clips of its class. */
    public static final List<Double> WEIGHTS = List.of(3.0, 10.0, 30.0);
    /** Share of the user's recordings held out to choose w and report before/after. */
    public static final double HELD_OUT = 0.25;
    /** Seed of the split and of corpus-tune's halves and draws. */
    public static final long SEED = 20;
    /** Below this many held-out clips an emotion's recall moves by 10 points or more per clip: warn. */
    public static final int FEW_CLIPS = 10;
    /**
     * corpus-tune's weight: fixed, the grid's middle (choosing it per corpus would need a split of the k clips, and at
     * k = 5 there is nothing to split).
     */
    public static final double CORPUS_TUNE_WEIGHT = 10.0;
    /** corpus-tune's clips per emotion. */
    public static final List<Integer> CORPUS_TUNE_K = List.of(0, 5, 20);

    private TuneProtocol() {
    }

    /**
     * Which of the user's recordings are held out.
     *
     * @param heldOut   the held-out recordings' files (their augmented copies are held out with them)
     * @param bySpeaker true when whole speakers were held out, false when files were (speakers unknown)
     */
    public record Split(Set<Path> heldOut, boolean bySpeaker) {

        public boolean isHeldOut(LabeledClip clip) {
            return heldOut.contains(clip.file());
        }
    }

    /**
     * Holds out about {@code fraction} of the recordings: whole speakers (seeded shuffle, at least one kept for
     * training) when speakers are known, else that share of each emotion's files (at least one kept for training).
     */
    public static Split split(List<LabeledClip> recordings, double fraction, long seed) {
        Random random = new Random(seed);
        Set<Path> heldOut = new HashSet<>();
        boolean bySpeaker = UserClips.speakersKnown(recordings);
        if (bySpeaker) {
            List<String> speakers = new ArrayList<>(recordings.stream().map(LabeledClip::speaker)
                    .collect(Collectors.toCollection(java.util.TreeSet::new)));
            if (speakers.size() < 2) {
                throw new IllegalArgumentException("the clips have one speaker (" + speakers + "); holding clips out "
                        + "needs two or more, or no speaker ids (then clips are held out by file)");
            }
            Collections.shuffle(speakers, random);
            Set<String> held = new HashSet<>();
            for (String speaker : speakers.subList(0, speakers.size() - 1)) {
                if (heldOut.size() >= fraction * recordings.size()) {
                    break;
                }
                held.add(speaker);
                recordings.stream().filter(c -> c.speaker().equals(speaker)).forEach(c -> heldOut.add(c.file()));
            }
        } else {
            for (List<LabeledClip> members : byEmotion(recordings).values()) {
                List<LabeledClip> shuffled = new ArrayList<>(members);
                Collections.shuffle(shuffled, random);
                int n = members.size() < 2 ? 0 : (int) Math.max(1, Math.min(members.size() - 1,
                        Math.round(fraction * members.size())));
                shuffled.subList(0, n).forEach(c -> heldOut.add(c.file()));
            }
        }
        if (heldOut.isEmpty()) {
            throw new IllegalArgumentException("too few clips to hold any out: " + counts(recordings));
        }
        return new Split(Set.copyOf(heldOut), bySpeaker);
    }

    /** One candidate weight and its model's scores on the held-out clips. */
    public record Candidate(double weight, Scores scores) {
    }

    /** The chosen weight (best held-out UA, the smaller weight on a tie) and every candidate's scores. */
    public record Choice(double weight, List<Candidate> candidates) {

        /** The chosen model's scores on the held-out clips. */
        public Scores after() {
            return candidates.stream().filter(c -> c.weight() == weight).findFirst().orElseThrow().scores();
        }
    }

    /**
     * Trains one model per weight on {@code training} (the corpora and the user's training clips, with copies),
     * the user's clips weighing that many times more, and scores each on {@code heldOut}.
     */
    public static Choice chooseWeight(ClassifierSpec spec, FeatureTable training, FeatureTable heldOut,
                                      List<Double> weights, int threads, Consumer<String> progress)
            throws InterruptedException {
        List<String> labels = Emotions.ordered(Stream.concat(training.labels().stream(), heldOut.labels().stream())
                .collect(Collectors.toSet()));
        List<Callable<Candidate>> tasks = new ArrayList<>();
        for (double w : weights) {
            tasks.add(() -> {
                double[][] p = Evaluator.trainAndScore(spec, labels, training, Map.of(UserClips.CORPUS, w),
                        heldOut);
                Scores s = scores(truths(heldOut), Stream.of(p).map(d -> labels.get(ArgMax.of(d))).toList());
                progress.accept(String.format("weight %s: held-out UA %.1f%%", w, 100 * s.ua()));
                return new Candidate(w, s);
            });
        }
        List<Candidate> candidates = Parallel.runAll(threads, tasks);
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
            if (c.scores().ua() > best.scores().ua()) {
                best = c;
            }
        }
        return new Choice(best.weight(), candidates);
    }

    /** A trained model's scores on labelled clips of its feature set. */
    public static Scores score(ModelArtifact model, FeatureTable clips) {
        List<String> predicted = clips.rows().stream()
                .map(row -> model.labels().get(ArgMax.of(model.probabilities(row)))).toList();
        return scores(truths(clips), predicted);
    }

    /** Scores over the labels that occur in the truth or the predictions. */
    static Scores scores(List<String> truth, List<String> predicted) {
        List<String> labels = Emotions.ordered(Stream.concat(truth.stream(), predicted.stream())
                .collect(Collectors.toSet()));
        return Scores.of(labels, truth.stream().mapToInt(labels::indexOf).toArray(),
                predicted.stream().mapToInt(labels::indexOf).toArray());
    }

    /** One line per emotion with fewer than {@link #FEW_CLIPS} held-out clips, naming the count. */
    public static List<String> warnings(List<LabeledClip> recordings, Split split) {
        Map<String, Integer> held = counts(recordings.stream().filter(split::isHeldOut).toList());
        List<String> warnings = new ArrayList<>();
        for (String emotion : Emotions.ordered(counts(recordings).keySet())) {
            int n = held.getOrDefault(emotion, 0);
            if (n < FEW_CLIPS) {
                warnings.add("only " + n + " held-out " + emotion + " clip" + (n == 1 ? "" : "s") + " (fewer than "
                        + FEW_CLIPS + "): its recall, and so UA, is not to be trusted; label more " + emotion
                        + " clips");
            }
        }
        return warnings;
    }

    /**
     * What a tuned model's manifest records about its tuning: counts, speakers, the split, the weights tried and
     * the before/after figures on the held-out clips. Never a file name or any audio.
     */
    public static Map<String, Object> summary(List<LabeledClip> recordings, Split split, Choice choice,
                                              String beforeModel, Scores before) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("clips", counts(recordings));
        s.put("speakers", split.bySpeaker() ? recordings.stream().map(LabeledClip::speaker).distinct().count() : null);
        s.put("split", (split.bySpeaker() ? "speaker-disjoint" : "by file") + ", seed " + SEED);
        s.put("heldOut", counts(recordings.stream().filter(split::isHeldOut).toList()));
        Map<String, Double> grid = new LinkedHashMap<>();
        choice.candidates().forEach(c -> grid.put(String.valueOf(c.weight()), c.scores().ua()));
        s.put("weightsTried", grid);
        s.put("weight", choice.weight());
        s.put("before", figures(before, beforeModel));
        s.put("after", figures(choice.after(), "this recipe with the chosen weight, trained without the held-out "
                + "clips (the shipped tuned model also learnt from them)"));
        s.put("fewHeldOut", warnings(recordings, split).size());
        return s;
    }

    private static Map<String, Object> figures(Scores scores, String model) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("model", model);
        f.put("accuracy", scores.accuracy());
        f.put("ua", scores.ua());
        f.put("perClassRecall", scores.perClassRecall());
        return f;
    }

    /** Recordings per emotion, in {@link Emotions} order. */
    public static Map<String, Integer> counts(Collection<LabeledClip> clips) {
        Map<String, Integer> byLabel = new LinkedHashMap<>();
        byEmotion(clips).forEach((emotion, members) -> byLabel.put(emotion, members.size()));
        return byLabel;
    }

    private static Map<String, List<LabeledClip>> byEmotion(Collection<LabeledClip> clips) {
        Map<String, List<LabeledClip>> grouped = new TreeMap<>(
                java.util.Comparator.comparingInt(Emotions.ALL::indexOf));
        clips.stream().sorted(java.util.Comparator.comparing(LabeledClip::file))
                .forEach(c -> grouped.computeIfAbsent(c.emotion(), e -> new ArrayList<>()).add(c));
        return grouped;
    }

    /**
     * {@code corpus-tune}: for each corpus with two or more speakers, its speakers are split in two seeded halves;
     * for each k, a model trained on every other corpus plus k recordings per emotion drawn from the first half (with
     * their augmented copies, weighing {@code weight} times more) is tested on the second half's recordings, scored
     * by UA4 as in leave-one-corpus-out. Draws are nested: the k = 5 clips are among the k = 20 ones.
     */
    public static EvaluationReport.CorpusTune corpusTune(ClassifierSpec spec, FeatureTable table, List<Integer> ks,
                                                         double weight, long seed, int threads,
                                                         Consumer<String> progress) throws InterruptedException {
        List<String> labels = table.labels();
        List<String> corpora = table.clips().stream().map(LabeledClip::corpus).distinct().sorted().toList();
        if (corpora.size() < 2) {
            throw new IllegalArgumentException("corpus-tune needs two or more corpora, got " + corpora);
        }
        int maxK = ks.stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Callable<Double>> tasks = new ArrayList<>();
        List<EvaluationReport.TunedCorpus> shells = new ArrayList<>();
        for (String corpus : corpora) {
            List<LabeledClip> recordings = table.clips().stream()
                    .filter(c -> c.corpus().equals(corpus) && c.isOriginal()).toList();
            List<Set<String>> halves = halves(recordings, seed);
            if (halves == null) {
                progress.accept("corpus-tune: " + corpus + " has one speaker, skipped");
                continue;
            }
            List<LabeledClip> pool = recordings.stream().filter(c -> halves.get(0).contains(c.speaker())).toList();
            Map<String, List<LabeledClip>> draws = draws(pool, maxK, seed);
            FeatureTable test = table.filter(c -> c.isOriginal() && c.corpus().equals(corpus)
                    && halves.get(1).contains(c.speaker()));
            List<Integer> drawn = new ArrayList<>();
            for (int k : ks) {
                Set<Path> files = draws.values().stream().flatMap(d -> d.subList(0, Math.min(k, d.size())).stream())
                        .map(LabeledClip::file).collect(Collectors.toSet());
                drawn.add(files.size());
                FeatureTable train = table.filter(c -> !c.corpus().equals(corpus) || files.contains(c.file()));
                tasks.add(() -> {
                    double[][] p = Evaluator.trainAndScore(spec, labels, train, Map.of(corpus, weight), test);
                    double ua4 = Evaluator.fourClass(labels, truths(test).stream().mapToInt(labels::indexOf)
                            .toArray(), p).ua();
                    progress.accept(String.format("corpus-tune %s k=%d: UA4 %.1f%%", corpus, k, 100 * ua4));
                    return ua4;
                });
            }
            shells.add(new EvaluationReport.TunedCorpus(corpus, halves.get(0).size(), halves.get(1).size(),
                    test.size(), drawn, List.of()));
        }
        List<Double> ua4 = Parallel.runAll(threads, tasks);
        List<EvaluationReport.TunedCorpus> perCorpus = new ArrayList<>();
        for (int i = 0; i < shells.size(); i++) {
            EvaluationReport.TunedCorpus s = shells.get(i);
            perCorpus.add(new EvaluationReport.TunedCorpus(s.corpus(), s.trainSpeakers(), s.testSpeakers(),
                    s.testClips(), s.drawn(), List.copyOf(ua4.subList(i * ks.size(), (i + 1) * ks.size()))));
        }
        List<Double> mean = new ArrayList<>();
        for (int j = 0; j < ks.size(); j++) {
            int k = j;
            mean.add(perCorpus.stream().mapToDouble(c -> c.ua4().get(k)).average().orElse(0));
        }
        return new EvaluationReport.CorpusTune("corpus-tune over " + perCorpus.stream()
                .map(EvaluationReport.TunedCorpus::corpus).toList() + ": each corpus's speakers split in two seeded "
                + "halves (seed " + seed + "); k recordings per emotion drawn from the first half (with their "
                + "augmented copies, weighing " + weight + " times a corpus's share) join the training on all the "
                + "other corpora; tested on the second half's recordings; ua4 as leave-one-corpus-out (calm counted "
                + "as neutral); mean = unweighted mean over corpora", weight, List.copyOf(ks), perCorpus, mean);
    }

    /**
     * The speakers of {@code recordings} in two disjoint seeded halves (the test half gets the odd one), or null for
     * fewer than two speakers.
     */
    static List<Set<String>> halves(List<LabeledClip> recordings, long seed) {
        List<String> speakers = recordings.stream().map(LabeledClip::speaker).distinct().sorted()
                .collect(Collectors.toCollection(ArrayList::new));
        if (speakers.size() < 2) {
            return null;
        }
        Collections.shuffle(speakers, new Random(seed));
        int half = speakers.size() / 2;
        return List.of(Set.copyOf(speakers.subList(0, half)), Set.copyOf(speakers.subList(half, speakers.size())));
    }

    /** Per emotion, up to {@code k} of its recordings in a seeded order (a smaller k takes a prefix). */
    static Map<String, List<LabeledClip>> draws(List<LabeledClip> pool, int k, long seed) {
        Map<String, List<LabeledClip>> draws = new LinkedHashMap<>();
        Random random = new Random(seed);
        byEmotion(pool).forEach((emotion, members) -> {
            List<LabeledClip> shuffled = new ArrayList<>(members);
            Collections.shuffle(shuffled, random);
            draws.put(emotion, List.copyOf(shuffled.subList(0, Math.min(k, shuffled.size()))));
        });
        return draws;
    }

    private static List<String> truths(FeatureTable table) {
        return table.clips().stream().map(LabeledClip::emotion).toList();
    }
}
