package io.github.ser.cli;

import io.github.ser.features.FeatureSet;
import io.github.ser.training.ClassifierSpec;
import io.github.ser.training.CollectionSample;
import io.github.ser.model.Calibration;
import io.github.ser.training.EvaluationReport;
import io.github.ser.training.Evaluator;
import io.github.ser.training.FeatureTable;
import io.github.ser.training.LabeledClip;
import io.github.ser.training.RavdessFolds;
import io.github.ser.training.TuneProtocol;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code ser evaluate}: speaker-independent CV on the RAVDESS folds, leave-one-corpus-out over every {@code --data}
 * corpus, and the prototype's random-split protocol.
 */
@Command(name = "evaluate", description = "Evaluate a feature set + classifier: speaker-independent 6-fold CV "
        + "on RAVDESS (other corpora join every training fold), leave-one-corpus-out (one --data per corpus) and the "
        + "prototype's 4-class random-split protocol.")
final class EvaluateCommand implements Callable<Integer> {

    /** The protocols; {@code corpus-phone} on the command line for {@link #corpus_phone}, and so on. */
    enum Protocol {
        speaker, corpus, corpus_phone, corpus_collection, corpus_tune, seed, all;

        @Override
        public String toString() {
            return name().replace('_', '-');
        }
    }

    /** Reads a protocol as written ({@code corpus-phone}). */
    static final class ProtocolConverter implements CommandLine.ITypeConverter<Protocol> {
        @Override
        public Protocol convert(String value) {
            return Protocol.valueOf(value.trim().replace('-', '_'));
        }
    }

    @Mixin
    TrainingOptions options;

    @Option(names = "--protocol", defaultValue = "all", split = ",", paramLabel = "P",
            converter = ProtocolConverter.class,
            description = "speaker, corpus (leave-one-corpus-out), corpus-phone (the same with every test clip "
                    + "degraded as through a phone in a noisy room), corpus-collection (the same models, each held-out "
                    + "corpus standardised with the feature moments of its own clips, as a deployment could learn "
                    + "from its traffic; through a phone too when corpus-phone runs), corpus-tune (k = 0, 5, 20 clips per "
                    + "emotion from half of each held-out corpus's speakers join the training, the other half is the "
                    + "test; not part of all: 3 models per corpus), seed or all (comma-separated). "
                    + "Default: ${DEFAULT-VALUE}.")
    List<Protocol> protocols;

    @Option(names = "--folds", paramLabel = "FILE",
            description = "Fold definition. Default: ../shared/datasets/ravdess-folds.json beside the repository.")
    Path folds;

    @Option(names = "--seeds", defaultValue = "10", paramLabel = "N",
            description = "Seeds 0..N-1 for the random-split protocol. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--train-corpora", split = ",", paramLabel = "CORPUS",
            description = "Leave-one-corpus-out learns only from these corpora (comma-separated, e.g. ravdess: how "
                    + "the RAVDESS-only recipe transfers to the others). Default: every corpus but the held-out one.")
    Set<String> trainCorpora = Set.of();

    @Option(names = "--tune-weight", paramLabel = "W",
            description = "corpus-tune: the drawn clips weigh W times a corpus's share. Default: ${DEFAULT-VALUE}.")
    double tuneWeight = TuneProtocol.CORPUS_TUNE_WEIGHT;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the full report as JSON.")
    Path report;

    /** The protocols that run, from {@link #protocolsFor}. */
    private Set<Protocol> chosen = Set.of();

    @Override
    public Integer call() throws IOException, InterruptedException {
        long start = System.nanoTime();
        FeatureSet featureSet = options.featureSet();
        List<ClassifierSpec> specs = options.specs();
        List<LabeledClip> clips = options.clips(); // finding the clips is quick; decoding them is the work
        chosen = protocolsFor(clips.stream().filter(LabeledClip::isOriginal).map(LabeledClip::corpus)
                .collect(Collectors.toCollection(TreeSet::new)));
        RavdessFolds foldSet = !runs(Protocol.speaker) ? null
                : RavdessFolds.load(folds != null ? folds : SerPaths.defaultFolds());
        FeatureTable table = options.extract(featureSet, clips);
        FeatureTable phoneTests = runs(Protocol.corpus_phone) ? options.extractPhoneTests(featureSet, clips) : null;
        double extractSeconds = (System.nanoTime() - start) / 1e9;
        List<EvaluationReport> results = new ArrayList<>();
        for (ClassifierSpec spec : specs) {
            results.add(evaluate(table, phoneTests, spec, foldSet, extractSeconds));
            print(results.get(results.size() - 1), System.out);
        }
        EvaluationReport result = results.get(0);
        if (results.size() > 1) {
            result = result.withComparisons(results.subList(1, results.size()));
            printComparison(specs, results, System.out);
        }
        if (report != null) {
            Json.writeFile(report, result);
            System.err.println("wrote " + report);
        }
        return 0;
    }

    private EvaluationReport evaluate(FeatureTable table, FeatureTable phoneTests, ClassifierSpec spec,
                                      RavdessFolds foldSet,
                                      double extractSeconds) throws InterruptedException {
        long start = System.nanoTime();
        System.err.println("evaluating " + spec.describe());
        Evaluator evaluator = new Evaluator(spec, options.threads, System.err::println);
        EvaluationReport.SpeakerIndependent si = foldSet == null ? null : evaluator.speakerIndependent(table, foldSet);
        // one model per held-out corpus, scored clean and phone-degraded as asked
        List<Evaluator.TestCondition> conditions = new ArrayList<>();
        if (runs(Protocol.corpus)) {
            conditions.add(new Evaluator.TestCondition("", table.filter(LabeledClip::isOriginal)));
        }
        if (phoneTests != null) {
            conditions.add(new Evaluator.TestCondition(PHONE, phoneTests));
        }
        int plain = conditions.size();
        if (runs(Protocol.corpus_collection)) {
            FeatureTable clean = table.filter(LabeledClip::isOriginal);
            for (CollectionSample sample : COLLECTION_SAMPLES) {
                conditions.add(new Evaluator.TestCondition(standardised(sample), clean, sample));
            }
            if (phoneTests != null) {
                CollectionSample sample = COLLECTION_SAMPLES.get(COLLECTION_SAMPLES.size() - 1);
                conditions.add(new Evaluator.TestCondition(PHONE + ", then" + standardised(sample), phoneTests,
                        sample));
            }
        }
        List<EvaluationReport.LeaveOneCorpusOut> corpusResults = conditions.isEmpty() ? List.of()
                : evaluator.leaveOneCorpusOut(table, conditions, trainCorpora);
        EvaluationReport.LeaveOneCorpusOut loco = runs(Protocol.corpus) ? corpusResults.get(0) : null;
        EvaluationReport.LeaveOneCorpusOut phone = phoneTests == null ? null : corpusResults.get(plain - 1);
        List<EvaluationReport.LeaveOneCorpusOut> collection = runs(Protocol.corpus_collection)
                ? corpusResults.subList(plain, corpusResults.size()) : null;
        EvaluationReport.SeedProtocol sp = !runs(Protocol.seed) ? null
                : evaluator.seedProtocol(table, IntStream.range(0, seeds).boxed().toList());
        Map<String, Integer> clips = table.clips().stream().filter(LabeledClip::isOriginal)
                .collect(Collectors.groupingBy(LabeledClip::corpus, TreeMap::new, Collectors.summingInt(c -> 1)));
        FeatureSet featureSet = table.featureSet();
        EvaluationReport.CorpusTune tune = !runs(Protocol.corpus_tune) ? null : TuneProtocol.corpusTune(spec, table,
                TuneProtocol.CORPUS_TUNE_K, tuneWeight, TuneProtocol.SEED, options.threads, System.err::println);
        return new EvaluationReport(featureSet.name(), featureSet.version(), spec.describe(), clips, si, sp, loco, phone,
                collection,
                Instant.now().toString(), extractSeconds, (System.nanoTime() - start) / 1e9, null).withCorpusTune(tune);
    }

    private static final String PHONE = " degraded as through a phone in a noisy room (PhoneDegradation: synthetic "
            + "room, 5-20 dB noise, gain and clipping, narrowband or codec band)";

    /**
     * What {@code corpus-collection} standardises each held-out corpus with: all its clips, and what a deployment has
     * soon after it starts learning (the last one, also used through a phone): 100 clips, mostly neutral as real
     * traffic is. Fixed before any run.
     */
    static final List<CollectionSample> COLLECTION_SAMPLES = List.of(CollectionSample.ALL,
            new CollectionSample(100, 0.6, 1));

    private static String standardised(CollectionSample sample) {
        return " aligned onto the training scale with the feature moments of " + sample.describe();
    }

    private boolean runs(Protocol p) {
        return chosen.contains(p);
    }

    /**
     * The protocols to run on these corpora, checked before any work: each one asked for must be possible, and
     * {@code all} is every protocol the data allow (one corpus has no leave-one-corpus-out).
     */
    Set<Protocol> protocolsFor(Set<String> corpora) {
        if (!corpora.containsAll(trainCorpora)) {
            throw new IllegalArgumentException("--train-corpora " + new TreeSet<>(trainCorpora)
                    + ": the corpora given are " + corpora);
        }
        boolean all = protocols.contains(Protocol.all);
        Set<Protocol> runnable = EnumSet.noneOf(Protocol.class);
        List<String> impossible = new ArrayList<>();
        // corpus-tune trains three models per corpus: only when named
        Set<Protocol> asked = all ? EnumSet.complementOf(EnumSet.of(Protocol.all, Protocol.corpus_tune))
                : EnumSet.copyOf(protocols);
        if (protocols.contains(Protocol.corpus_tune)) {
            asked.add(Protocol.corpus_tune);
        }
        for (Protocol p : asked) {
            String missing = switch (p) {
                case speaker, seed -> corpora.contains(LabeledClip.RAVDESS) ? null
                        : "tests on RAVDESS, and there are no RAVDESS clips among --data";
                case corpus, corpus_phone, corpus_collection, corpus_tune -> corpora.size() >= 2 ? null
                        : "needs two or more corpora (one --data each), got " + corpora;
                case all -> null;
            };
            if (missing == null) {
                runnable.add(p);
            } else {
                impossible.add(p + " " + missing);
            }
        }
        if (!all && !impossible.isEmpty() || runnable.isEmpty()) {
            throw new IllegalArgumentException("--protocol " + String.join("; ", impossible));
        }
        if (!impossible.isEmpty()) {
            System.err.println("protocols: " + runnable + " (not " + String.join("; ", impossible) + ")");
        }
        return runnable;
    }

    private static void printComparison(List<ClassifierSpec> specs, List<EvaluationReport> results, PrintStream out) {
        out.printf("%nComparison on the same features%n  %-10s %-16s %-16s %s%n", "classifier", "speaker acc/UA",
                "seed acc ± std", "train+test s");
        for (int i = 0; i < results.size(); i++) {
            EvaluationReport r = results.get(i);
            String si = r.speakerIndependent() == null ? "-" : Table.percent(r.speakerIndependent().accuracy()).trim()
                    + " / " + Table.percent(r.speakerIndependent().ua()).trim();
            String sp = r.seedProtocol() == null ? "-" : Table.percent(r.seedProtocol().accuracy()).trim() + " ± "
                    + Table.percent(r.seedProtocol().accuracyStd()).trim();
            out.printf("  %-10s %-16s %-16s %.0f%n", specs.get(i).kind(), si, sp, r.classifierSeconds());
        }
    }

    /** "ECE before / after (temperature)", or "-" when there was nothing to fit the temperature on. */
    private static String check(EvaluationReport.CalibrationCheck check) {
        return check == null ? "-"
                : String.format("%.3f / %.3f (%.2f)", check.eceBefore(), check.eceAfter(), check.temperature());
    }

    /** The calibration a model trained with this report would carry, fitted on all its {@code which} predictions. */
    private static String calibration(String which, Calibration c) {
        return String.format("  calibration from all %s predictions: temperature %.3f, uncertain below %.2f", which,
                c.temperature(), c.uncertainBelow());
    }

    static void print(EvaluationReport r, PrintStream out) {
        out.printf("Feature set %s v%d; classifier %s%n", r.featureSet(), r.featureSetVersion(), r.classifier());
        out.printf("Clips %s; features %.0f s, training and testing %.0f s%n", r.clips(), r.featureSeconds(),
                r.classifierSeconds());
        EvaluationReport.SpeakerIndependent si = r.speakerIndependent();
        if (si != null) {
            out.printf("%nSpeaker-independent CV: %d classes, %d test predictions pooled%n", si.labels().size(),
                    si.predictions());
            out.printf("  accuracy %s   UA %s   (Python prototype, seed features: 39.0%% / 37.4%%)%n",
                    Table.percent(si.accuracy()), Table.percent(si.ua()));
            out.println("  fold  test actors        train  test  accuracy      UA   ECE before/after (T)");
            for (EvaluationReport.Fold f : si.folds()) {
                out.printf("  %4d  %-17s %6d %5d    %s  %s   %s%n", f.fold(), f.testActors().stream()
                        .map(String::valueOf).collect(Collectors.joining(",")), f.trainClips(), f.testClips(),
                        Table.percent(f.accuracy()), Table.percent(f.ua()), check(f.calibration()));
            }
            if (si.calibration() != null) {
                out.println(calibration("test", si.calibration()));
            }
            out.println("  recall per class:");
            si.perClassRecall().forEach((label, recall) -> out.printf("    %-10s %s%n", label, Table.percent(recall)));
            Table.confusion(si.labels(), si.confusion(), out);
        }
        printCorpora("Leave-one-corpus-out", r.leaveOneCorpusOut(), out);
        printCorpora("Leave-one-corpus-out, test clips through a phone in a noisy room", r.leaveOneCorpusOutPhone(),
                out);
        if (r.leaveOneCorpusOutStandardised() != null) {
            for (EvaluationReport.LeaveOneCorpusOut c : r.leaveOneCorpusOutStandardised()) {
                printCorpora("Leave-one-corpus-out, test clips" + c.condition(), c, out);
            }
        }
        TuneReport.print(r.corpusTune(), out);
        EvaluationReport.SeedProtocol sp = r.seedProtocol();
        if (sp != null) {
            out.printf("%nPrototype protocol: %s, %d seeds%n", sp.protocol(), sp.seeds().size());
            out.printf("  accuracy %s ± %s   UA %s ± %s   (Python prototype: 64.6%% ± 4.7%%)%n",
                    Table.percent(sp.accuracy()), Table.percent(sp.accuracyStd()).trim(), Table.percent(sp.ua()),
                    Table.percent(sp.uaStd()).trim());
            out.println("  seeds: " + sp.seeds().stream().map(s -> s.seed() + ":" + Table.percent(s.accuracy()).trim())
                    .collect(Collectors.joining("  ")));
        }
    }

    private static void printCorpora(String title, EvaluationReport.LeaveOneCorpusOut loco, PrintStream out) {
        if (loco == null) {
            return;
        }
        out.printf("%n%s: mean UA4 %s   mean UA %s%n", title, Table.percent(loco.mean().ua4()),
                Table.percent(loco.mean().ua()));
        out.println("  held out    clips   accuracy      UA     UA4   ECE before/after (T)");
        for (EvaluationReport.HeldOutCorpus c : loco.perCorpus()) {
            out.printf("  %-9s %7d    %s  %s  %s   %s%n", c.corpus(), c.clips(),
                    Table.percent(c.accuracy()), Table.percent(c.ua()), Table.percent(c.ua4()), check(c.calibration()));
        }
        out.println(calibration("held-out", loco.calibration()));
    }
}
