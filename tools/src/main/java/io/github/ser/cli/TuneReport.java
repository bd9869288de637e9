package io.github.ser.cli;

import io.github.ser.training.EvaluationReport;
import io.github.ser.training.Scores;
import io.github.ser.training.TuneProtocol;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/** What {@code ser tune} and {@code ser evaluate --protocol corpus-tune} print. */
final class TuneReport {

    // wide enough for a whole model version, e.g. "before (ser-speech-v3-20261204T2154)": feature set, version, time
    private static final int ROW_LABEL = 38;

    private TuneReport() {
    }

    /** corpus-tune: UA4 per held-out corpus and k, and the means. */
    static void print(EvaluationReport.CorpusTune tune, PrintStream out) {
        if (tune == null) {
            return;
        }
        out.printf("%nCorpus-tune (k clips per emotion from half of a corpus's speakers join the training, weight "
                + "%s; tested on the other half): mean UA4 %s%n", tune.weight(), tune.k().stream()
                .map(k -> "k=" + k + " " + Table.percent(tune.meanUa4().get(tune.k().indexOf(k))).trim())
                .collect(Collectors.joining(", ")));
        out.printf("  held out  speakers train/test  test clips%s%n", tune.k().stream()
                .map(k -> String.format("  UA4 k=%-3d", k)).collect(Collectors.joining()));
        for (EvaluationReport.TunedCorpus c : tune.perCorpus()) {
            out.printf("  %-9s %8d / %-8d %10d%s%n", c.corpus(), c.trainSpeakers(), c.testSpeakers(),
                    c.testClips(), c.ua4().stream().map(u -> "     " + Table.percent(u))
                            .collect(Collectors.joining()));
        }
    }

    /** ser tune: the weights tried, before and after on the held-out clips, the confusion, the warnings. */
    static void print(TuneProtocol.Choice choice, String beforeModel, Scores before, List<String> warnings,
                      PrintStream out) {
        out.println("Weight of your clips: " + choice.weight() + " (held-out UA " + choice.candidates().stream()
                .map(c -> "w=" + c.weight() + " " + Table.percent(c.scores().ua()).trim())
                .collect(Collectors.joining(", ")) + ")");
        Scores after = choice.after();
        String row = "  %-" + ROW_LABEL + "s %s  %s%n";
        out.printf("%n%-" + (ROW_LABEL + 2) + "saccuracy      UA%n", "On your " + after.count() + " held-out clips");
        out.printf(row, "before (" + Table.fit(beforeModel, ROW_LABEL - "before ()".length()) + ")",
                Table.percent(before.accuracy()), Table.percent(before.ua()));
        out.printf(row, "after (tuned, w=" + choice.weight() + ")", Table.percent(after.accuracy()),
                Table.percent(after.ua()));
        out.println("  recall per emotion, before -> after:");
        after.perClassRecall().forEach((label, recall) -> out.printf("    %-10s %s -> %s%n", label,
                Table.percent(before.perClassRecall().getOrDefault(label, 0.0)), Table.percent(recall)));
        out.println("  after tuning,");
        Table.confusion(after.labels(), after.confusion(), out);
        warnings.forEach(w -> out.println("warning: " + w));
    }
}
