package io.github.ser.cli;

import io.github.ser.features.FeatureSet;
import io.github.ser.training.ClassifierSpec;
import io.github.ser.model.Calibration;
import io.github.ser.training.EvaluationReport;
import io.github.ser.training.Evaluator;
import io.github.ser.training.FeatureTable;
import io.github.ser.training.LabeledClip;
import io.github.ser.training.RavdessFolds;
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

    enum Protocol { speaker, corpus, seed, all }

    @Mixin
    TrainingOptions options;

    @Option(names = "--protocol", defaultValue = "all", split = ",", paramLabel = "P",
            description = "speaker, corpus, seed or all (comma-separated). Default: ${DEFAULT-VALUE}.")
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
        double extractSeconds = (System.nanoTime() - start) / 1e9;
        List<EvaluationReport> results = new ArrayList<>();
        for (ClassifierSpec spec : specs) {
            results.add(evaluate(table, spec, foldSet, extractSeconds));
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

    private EvaluationReport evaluate(FeatureTable table, ClassifierSpec spec, RavdessFolds foldSet,
                                      double extractSeconds) throws InterruptedException {
        long start = System.nanoTime();
        System.err.println("evaluating " + spec.describe());
        Evaluator evaluator = new Evaluator(spec, options.threads, System.err::println);
        EvaluationReport.SpeakerIndependent si = foldSet == null ? null : evaluator.speakerIndependent(table, foldSet);
        EvaluationReport.LeaveOneCorpusOut loco = !runs(Protocol.corpus) ? null
                : evaluator.leaveOneCorpusOut(table, trainCorpora);
        EvaluationReport.SeedProtocol sp = !runs(Protocol.seed) ? null
                : evaluator.seedProtocol(table, IntStream.range(0, seeds).boxed().toList());
        Map<String, Integer> clips = table.clips().stream().filter(LabeledClip::isOriginal)
                .collect(Collectors.groupingBy(LabeledClip::corpus, TreeMap::new, Collectors.summingInt(c -> 1)));
        FeatureSet featureSet = table.featureSet();
        return new EvaluationReport(featureSet.name(), featureSet.version(), spec.describe(), clips, si, sp, loco,
                Instant.now().toString(), extractSeconds, (System.nanoTime() - start) / 1e9, null);
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
        for (Protocol p : all ? EnumSet.complementOf(EnumSet.of(Protocol.all)) : EnumSet.copyOf(protocols)) {
            String missing = switch (p) {
                case speaker, seed -> corpora.contains(LabeledClip.RAVDESS) ? null
                        : "tests on RAVDESS, and there are no RAVDESS clips among --data";
                case corpus -> corpora.size() >= 2 ? null
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
            out.println("  confusion (rows: truth, columns: predicted):");
            out.printf("    %-10s%s%n", "", si.labels().stream().map(l -> String.format("%5.4s", l))
                    .collect(Collectors.joining()));
            for (int t = 0; t < si.labels().size(); t++) {
                int[] row = si.confusion()[t];
                out.printf("    %-10s%s%n", si.labels().get(t), IntStream.of(row)
                        .mapToObj(n -> String.format("%5d", n)).collect(Collectors.joining()));
            }
        }
        EvaluationReport.LeaveOneCorpusOut loco = r.leaveOneCorpusOut();
        if (loco != null) {
            out.printf("%nLeave-one-corpus-out: mean UA4 %s   mean UA %s%n", Table.percent(loco.mean().ua4()),
                    Table.percent(loco.mean().ua()));
            out.println("  held out    clips   accuracy      UA     UA4   ECE before/after (T)");
            for (EvaluationReport.HeldOutCorpus c : loco.perCorpus()) {
                EvaluationReport.CalibrationCheck check = c.calibration();
                out.printf("  %-9s %7d    %s  %s  %s   %s%n", c.corpus(), c.clips(),
                        Table.percent(c.accuracy()), Table.percent(c.ua()), Table.percent(c.ua4()), check(check));
            }
            out.println(calibration("held-out", loco.calibration()));
        }
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
}
