package io.github.ser.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * What {@code ser evaluate} measured; written as JSON with {@code --report}. Accuracies and recalls are fractions.
 *
 * @param featureSet          feature set name
 * @param featureSetVersion   its version
 * @param classifier          Weka options string
 * @param clips               clips used per corpus
 * @param speakerIndependent  6-fold speaker-independent RAVDESS result, or null if not run
 * @param seedProtocol        the prototype's random-split protocol, or null if not run
 * @param leaveOneCorpusOut   each corpus tested by a model trained on the others, or null if not run
 * @param leaveOneCorpusOutPhone the same with every test clip degraded as through a phone in a noisy room
 *                          ({@code corpus-phone}, {@link PhoneDegradation}), or null if not run
 * @param leaveOneCorpusOutStandardised the same models, each held-out corpus's clips first aligned onto the training
 *                          scale with the feature moments of a sample of them ({@code corpus-collection},
 *                          {@link CollectionSample}), one result per sample and condition; null if not run
 * @param createdAt           ISO-8601 instant
 * @param featureSeconds      wall time of decoding and feature extraction (shared by all compared classifiers)
 * @param classifierSeconds   wall time of training and testing this classifier under both protocols
 * @param comparisons         other classifiers evaluated on the same features in the same run, or null
 * @param corpusTune          each held-out corpus tested on half its speakers after k clips per emotion of the other
 *                          half joined the training ({@code corpus-tune}, {@link TuneProtocol}), or null if not run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationReport(String featureSet,
                               int featureSetVersion,
                               String classifier,
                               Map<String, Integer> clips,
                               SpeakerIndependent speakerIndependent,
                               SeedProtocol seedProtocol,
                               LeaveOneCorpusOut leaveOneCorpusOut,
                               LeaveOneCorpusOut leaveOneCorpusOutPhone,
                               List<LeaveOneCorpusOut> leaveOneCorpusOutStandardised,
                               String createdAt,
                               double featureSeconds,
                               double classifierSeconds,
                               List<EvaluationReport> comparisons,
                               CorpusTune corpusTune) {

    /** A report without {@code corpus-tune}. */
    public EvaluationReport(String featureSet, int featureSetVersion, String classifier, Map<String, Integer> clips,
                            SpeakerIndependent speakerIndependent, SeedProtocol seedProtocol,
                            LeaveOneCorpusOut leaveOneCorpusOut, LeaveOneCorpusOut leaveOneCorpusOutPhone,
                            List<LeaveOneCorpusOut> leaveOneCorpusOutStandardised, String createdAt,
                            double featureSeconds, double classifierSeconds, List<EvaluationReport> comparisons) {
        this(featureSet, featureSetVersion, classifier, clips, speakerIndependent, seedProtocol, leaveOneCorpusOut,
                leaveOneCorpusOutPhone, leaveOneCorpusOutStandardised, createdAt, featureSeconds, classifierSeconds,
                comparisons, null);
    }

    public EvaluationReport withComparisons(List<EvaluationReport> others) {
        return new EvaluationReport(featureSet, featureSetVersion, classifier, clips, speakerIndependent,
                seedProtocol, leaveOneCorpusOut, leaveOneCorpusOutPhone, leaveOneCorpusOutStandardised, createdAt,
                featureSeconds, classifierSeconds, List.copyOf(others), corpusTune);
    }

    public EvaluationReport withCorpusTune(CorpusTune tune) {
        return new EvaluationReport(featureSet, featureSetVersion, classifier, clips, speakerIndependent,
                seedProtocol, leaveOneCorpusOut, leaveOneCorpusOutPhone, leaveOneCorpusOutStandardised, createdAt,
                featureSeconds, classifierSeconds, comparisons, tune);
    }

    /**
     * {@code corpus-tune}: how much k labelled clips per emotion from a corpus's own speakers help on its other
     * speakers.
     *
     * @param protocol  one-line description
     * @param weight    how many times more the drawn clips weigh than the other corpora's ({@link TrainingWeights})
     * @param k         clips drawn per emotion, in the order of every list below
     * @param perCorpus one entry per held-out corpus with two or more speakers
     * @param meanUa4   per k, the unweighted mean of the corpora's UA4
     */
    public record CorpusTune(String protocol, double weight, List<Integer> k, List<TunedCorpus> perCorpus,
                             List<Double> meanUa4) {
    }

    /**
     * @param trainSpeakers speakers whose recordings the k clips are drawn from
     * @param testSpeakers  speakers whose recordings are the test (disjoint from the others)
     * @param testClips     recordings tested
     * @param drawn         per k, the recordings drawn (fewer than k per emotion when the half has fewer)
     * @param ua4           per k, UA over angry/happy/neutral/sad (calm counted as neutral)
     */
    public record TunedCorpus(String corpus, int trainSpeakers, int testSpeakers, int testClips, List<Integer> drawn,
                              List<Double> ua4) {
    }

    /**
     * Pooled over every test prediction of every fold.
     *
     * @param protocol       one-line description
     * @param labels         class order of {@code confusion}
     * @param predictions    number of test predictions pooled
     * @param confusion      {@code confusion[true][predicted]}
     * @param calibration    temperature and uncertainty threshold fitted on all test predictions pooled
     */
    public record SpeakerIndependent(String protocol, double accuracy, double ua, Map<String, Double> perClassRecall,
                                     List<String> labels, int predictions, int[][] confusion, List<Fold> folds,
                                     io.github.ser.model.Calibration calibration) {
    }

    /** @param calibration ECE on this fold before and after a temperature fitted on the other folds */
    public record Fold(int fold, List<Integer> testActors, int trainClips, int testClips, double accuracy,
                       double ua, CalibrationCheck calibration) {
    }

    /**
     * Mean and population standard deviation over seeds.
     *
     * @param protocol     one-line description
     * @param testFraction share of each class held out
     */
    public record SeedProtocol(String protocol, List<String> labels, double testFraction, double accuracy,
                               double accuracyStd, double ua, double uaStd, List<SeedRun> seeds) {
    }

    public record SeedRun(int seed, int trainClips, int testClips, double accuracy, double ua) {
    }

    /**
     * @param condition   how the test clips differ from the held-out recordings ({@link Evaluator.TestCondition}); ""
     *                    for none
     * @param perCorpus   one entry per held-out corpus
     * @param mean        unweighted means over corpora: the headline generalisation figure
     * @param labels      the model's labels (order of the held-out distributions)
     * @param calibration temperature and uncertainty threshold fitted on all held-out predictions pooled
     * @param heldOut     the pooled held-out distributions (not written to the report; used to calibrate a model)
     * @param heldOutTruth their true label indices
     */
    public record LeaveOneCorpusOut(String protocol, String condition, List<HeldOutCorpus> perCorpus, CorpusMean mean,
                                    List<String> labels, io.github.ser.model.Calibration calibration,
                                    @com.fasterxml.jackson.annotation.JsonIgnore double[][] heldOut,
                                    @com.fasterxml.jackson.annotation.JsonIgnore int[] heldOutTruth) {
    }

    public record CorpusMean(double ua4, double ua) {
    }

    /**
     * @param ua4         UA over angry/happy/neutral/sad (argmax over those four)
     * @param ua4Clips    clips of those four labels
     * @param calibration ECE on this corpus before and after a temperature fitted on the other corpora
     */
    public record HeldOutCorpus(String corpus, int clips, double accuracy, double ua, double ua4, int ua4Clips,
                                Map<String, Double> perClassRecall, List<String> labels, int[][] confusion,
                                CalibrationCheck calibration) {
    }

    public record CalibrationCheck(double temperature, double eceBefore, double eceAfter) {
    }

    /**
     * The headline numbers of a report (as written by {@code --report}) that a model artifact carries in its
     * manifest: protocol results without per-fold detail.
     */
    public static JsonNode summarize(JsonNode report) {
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        copy(report, summary, List.of("featureSet", "featureSetVersion", "classifier", "createdAt"));
        if (report.path("speakerIndependent").isObject()) {
            copy(report.get("speakerIndependent"), summary.putObject("speakerIndependent"),
                    List.of("protocol", "accuracy", "ua", "perClassRecall", "labels", "confusion", "calibration"));
        }
        for (String protocol : List.of("leaveOneCorpusOut", "leaveOneCorpusOutPhone")) {
            if (report.path(protocol).isObject()) {
                summarizeCorpora(report.get(protocol), summary.putObject(protocol));
            }
        }
        // what a deployment learning its own statistics can expect, one entry per sample and condition
        if (report.path("leaveOneCorpusOutStandardised").isArray()) {
            ArrayNode out = summary.putArray("leaveOneCorpusOutStandardised");
            for (JsonNode standardised : report.get("leaveOneCorpusOutStandardised")) {
                ObjectNode one = out.addObject();
                copy(standardised, one, List.of("condition"));
                summarizeCorpora(standardised, one);
            }
        }
        if (report.path("corpusTune").isObject()) {
            copy(report.get("corpusTune"), summary.putObject("corpusTune"), List.of("protocol", "weight", "k", "meanUa4"));
        }
        if (report.path("seedProtocol").isObject()) {
            copy(report.get("seedProtocol"), summary.putObject("seedProtocol"),
                    List.of("protocol", "labels", "accuracy", "accuracyStd", "ua", "uaStd"));
        }
        return summary;
    }

    /** A leave-one-corpus-out result's protocol, means, calibration and per-corpus scores, into {@code out}. */
    private static void summarizeCorpora(JsonNode loco, ObjectNode out) {
        copy(loco, out, List.of("protocol", "mean", "calibration"));
        ObjectNode perCorpus = out.putObject("perCorpus");
        for (JsonNode c : loco.path("perCorpus")) {
            ObjectNode one = perCorpus.putObject(c.path("corpus").asText());
            copy(c, one, List.of("clips", "accuracy", "ua", "ua4", "calibration"));
        }
    }

    private static void copy(JsonNode from, ObjectNode to, List<String> keys) {
        for (String key : keys) {
            if (from.has(key)) {
                to.set(key, from.get(key));
            }
        }
    }
}
