package io.github.ser.training;

import io.github.ser.model.Calibration;
import io.github.ser.model.ModelArtifact;
import io.github.ser.model.Manifest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.features.FeatureMoments;
import io.github.ser.features.FeatureSet;
import weka.classifiers.Classifier;
import weka.core.DenseInstance;
import weka.core.Instances;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Fits Weka classifiers on feature vectors and packages the result as a {@link ModelArtifact}. */
public final class Trainer {

    // to the minute (UTC): two models trained on one day must not answer under the same name
    private static final DateTimeFormatter TRAINED_AT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm")
            .withZone(ZoneOffset.UTC);

    private Trainer() {
    }

    /**
     * What a model carries about how it was made, beyond the clips themselves.
     *
     * @param metrics      summary of the evaluation report measured with the same recipe, or null
     * @param calibration  fitted on that report's held-out predictions, or null for none
     * @param relabelled   labels trained as another (e.g. calm as neutral); empty for none
     * @param augmentation the augmented copies, as the options said them; or null
     * @param variant      appended to the model's version (e.g. {@code tuned}, so answers show which model gave
     *                     them); or null
     */
    public record Provenance(JsonNode metrics, Calibration calibration, Map<String, String> relabelled,
                             String augmentation, String variant) {
        /** Nothing but the clips: no report, no calibration, no relabelling. */
        public static final Provenance NONE = new Provenance(null, null, Map.of(), null);

        public Provenance(JsonNode metrics, Calibration calibration, Map<String, String> relabelled,
                          String augmentation) {
            this(metrics, calibration, relabelled, augmentation, null);
        }
    }

    /** Trains on every clip of the table and describes the result in a manifest. */
    public static ModelArtifact train(FeatureTable table, ClassifierSpec requested, Provenance provenance,
                                      Instant now) {
        return train(table, requested, provenance, now, Map.of());
    }

    /** As above, with some corpora's clips weighing more ({@link TrainingWeights#balanced(List, Map)}). */
    public static ModelArtifact train(FeatureTable table, ClassifierSpec requested, Provenance provenance,
                                      Instant now, Map<String, Double> corpusFactors) {
        if (table.size() == 0) {
            throw new IllegalArgumentException("no clips to train on");
        }
        ClassifierSpec spec = requested.forTraining(table);
        List<String> labels = table.labels();
        Instances data = trainingInstances(spec, labels, table, corpusFactors);
        Classifier classifier = fit(spec, data);
        FeatureSet featureSet = table.featureSet();
        Manifest manifest = new Manifest(
                "ser-" + featureSet.name() + "-v" + featureSet.version() + "-" + TRAINED_AT.format(now)
                        + (provenance.variant() == null ? "" : "-" + provenance.variant()),
                featureSet.name(),
                featureSet.version(),
                labels,
                spec.describe(),
                trainedOn(table, provenance),
                provenance.metrics() == null || provenance.metrics().isNull() ? null : asMap(provenance.metrics()),
                provenance.calibration(),
                now.toString());
        return ModelArtifact.of(classifier, data, manifest, featureSet, moments(data));
    }

    /** The manifest keeps JSON objects as plain maps: the engine reads it without databind. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(JsonNode metrics) {
        return new ObjectMapper().convertValue(metrics, Map.class);
    }

    /**
     * A fitted classifier. Weka's checked exceptions become unchecked: they mean a bug or bad settings, not bad input.
     */
    public static Classifier fit(ClassifierSpec spec, Instances data) {
        Classifier classifier = spec.newClassifier();
        try {
            classifier.buildClassifier(data);
        } catch (Exception e) {
            throw new IllegalStateException("training " + spec.kind() + " failed: " + e.getMessage(), e);
        }
        return classifier;
    }

    /**
     * The training instances of {@code table}, normalised by the spec's {@link GroupNormalisation}; with
     * {@code balanceClasses}, weighted by {@link TrainingWeights}.
     */
    public static Instances trainingInstances(ClassifierSpec spec, List<String> labels, FeatureTable table) {
        return trainingInstances(spec, labels, table, Map.of());
    }

    /**
     * As above, with some corpora's clips weighing more ({@link TrainingWeights#balanced(List, Map)}): the clips being
     * tuned to, which are also learnt as they are (not group-normalised), as they will be recognised.
     */
    public static Instances trainingInstances(ClassifierSpec spec, List<String> labels, FeatureTable table,
                                              Map<String, Double> corpusFactors) {
        Instances data = instances(table.featureSet(), labels,
                spec.normalisation().apply(table.rows(), table.clips(), corpusFactors.keySet()), table.clips());
        if (spec.balanceClasses()) {
            double[] weights = TrainingWeights.balanced(table.clips(), corpusFactors);
            for (int i = 0; i < weights.length; i++) {
                data.instance(i).setWeight(weights[i]);
            }
        }
        return data;
    }

    /**
     * The weighted feature moments of training instances: the scale the model's {@code Standardize} filter learnt,
     * onto which a collection's clips are aligned ({@link FeatureMoments#align}).
     */
    public static FeatureMoments moments(Instances data) {
        List<double[]> rows = new ArrayList<>(data.numInstances());
        double[] weights = new double[data.numInstances()];
        for (int i = 0; i < weights.length; i++) {
            rows.add(Arrays.copyOf(data.instance(i).toDoubleArray(), data.classIndex()));
            weights[i] = data.instance(i).weight();
        }
        return FeatureMoments.of(rows, weights);
    }

    /** Weka instances for the given rows; clips whose label is not in {@code labels} are an error. */
    public static Instances instances(FeatureSet featureSet, List<String> labels, List<double[]> rows,
                                      List<LabeledClip> clips) {
        Instances data = ModelArtifact.header(featureSet.names(), labels, rows.size());
        int classIndex = data.classIndex();
        for (int i = 0; i < rows.size(); i++) {
            double[] row = rows.get(i);
            if (row.length != classIndex) {
                throw new IllegalArgumentException(clips.get(i).file() + ": " + row.length + " features, expected "
                        + classIndex);
            }
            int label = labels.indexOf(clips.get(i).emotion());
            if (label < 0) {
                throw new IllegalArgumentException(clips.get(i).file() + ": label " + clips.get(i).emotion()
                        + " not in " + labels);
            }
            double[] values = new double[classIndex + 1];
            System.arraycopy(row, 0, values, 0, classIndex);
            values[classIndex] = label;
            data.add(new DenseInstance(1.0, values));
        }
        return data;
    }

    /** Counts recordings, not their augmented copies. */
    private static Manifest.TrainedOn trainedOn(FeatureTable all, Provenance provenance) {
        FeatureTable table = all.filter(LabeledClip::isOriginal);
        Map<String, Integer> corpora = table.clips().stream()
                .collect(Collectors.groupingBy(LabeledClip::corpus, TreeMap::new, Collectors.summingInt(c -> 1)));
        Map<String, Integer> perLabel = new LinkedHashMap<>();
        for (String label : table.labels()) {
            perLabel.put(label, (int) table.clips().stream().filter(c -> c.emotion().equals(label)).count());
        }
        List<Manifest.Source> sources = corpora.keySet().stream().map(corpus -> {
            List<LabeledClip> clips = table.clips().stream().filter(c -> c.corpus().equals(corpus)).toList();
            CorpusLayout layout = CorpusLayout.byId(corpus).orElse(CorpusLayout.LABEL_FOLDERS);
            return new Manifest.Source(corpus, clips.size(),
                    (int) clips.stream().map(LabeledClip::speaker).distinct().count(), layout.language(),
                    layout.licence());
        }).toList();
        return new Manifest.TrainedOn(corpora, table.size(), perLabel, sources, provenance.relabelled(),
                provenance.augmentation());
    }
}
