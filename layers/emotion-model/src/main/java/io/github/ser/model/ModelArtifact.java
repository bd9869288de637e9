package io.github.ser.model;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.ser.features.FeatureMoments;
import io.github.ser.features.FeatureSet;
import io.github.ser.features.RunningMoments;
import io.github.ser.features.FeatureSets;
import weka.classifiers.Classifier;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A trained model as data: one zip with the serialised Weka classifier ({@code classifier.model}), the training
 * header ({@code header.arff}: feature names + class attribute) and {@code manifest.json}. Loading refuses an
 * artifact whose feature set (name and version) is not the one this engine computes, so training and serving
 * can never silently disagree about what a number means.
 *
 * <p>Thread-safe: Weka does not promise that {@code distributionForInstance} is (the MLP keeps per-call state in its
 * nodes, the filter queues instances), so classification is serialised on this object; it takes well under a
 * millisecond, far less than decoding and feature extraction.
 */
public final class ModelArtifact {

    static final String CLASSIFIER_ENTRY = "classifier.model";
    static final String HEADER_ENTRY = "header.arff";
    static final String MANIFEST_ENTRY = "manifest.json";
    /** The weighted feature moments of the training set, when the trainer recorded them (optional). */
    static final String MOMENTS_ENTRY = "training-moments.json";
    /** Name of the class attribute in the header. */
    static final String CLASS_ATTRIBUTE = "emotion";

    /**
     * jackson-jr, not databind: reading a manifest is all the JSON serving does, and databind costs about 300 ms of
     * class loading and 1.7 MB of layer for it (measured with ser cold-start).
     */
    private static final JSON MANIFEST_JSON = JSON.builder()
            .enable(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES)
            .build();
    /**
     * The artifact is ours, but a deserialiser should still only build what a Weka model is made of (and our one
     * combiner, {@link WeightedAverage}). No depth limit: an MLP serialises as a chain of linked neurons, so its graph
     * depth grows with the network's size.
     */
    private static final ObjectInputFilter ONLY_WEKA = ObjectInputFilter.Config.createFilter(
            "weka.**;java.util.*;java.lang.*;no.uib.cipr.matrix.**;" + WeightedAverage.class.getName() + ";!*");

    private final Classifier classifier;
    private final Instances header;
    private final Manifest manifest;
    private final FeatureSet featureSet;
    private final FeatureMoments trainingMoments;

    private ModelArtifact(Classifier classifier, Instances header, Manifest manifest, FeatureSet featureSet,
                          FeatureMoments trainingMoments) {
        this.classifier = classifier;
        this.header = header;
        this.manifest = manifest;
        this.featureSet = featureSet;
        this.trainingMoments = trainingMoments;
    }

    /** Wraps a freshly trained classifier; {@code header} must be its training header. */
    public static ModelArtifact of(Classifier trained, Instances header, Manifest manifest, FeatureSet featureSet) {
        return of(trained, header, manifest, featureSet, null);
    }

    /**
     * As above, with the feature moments the classifier was trained on (the scale {@link io.github.ser.DeploymentStatistics}-aligned
     * clips are put on; null when unknown).
     */
    public static ModelArtifact of(Classifier trained, Instances header, Manifest manifest, FeatureSet featureSet,
                                   FeatureMoments trainingMoments) {
        Instances empty = new Instances(header, 0);
        try {
            checkHeader(empty, manifest, featureSet);
        } catch (ModelArtifactException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (trainingMoments != null && trainingMoments.width() != featureSet.names().size()) {
            throw new IllegalArgumentException("training moments of " + trainingMoments.width() + " features for "
                    + featureSet.names().size());
        }
        return new ModelArtifact(trained, empty, manifest, featureSet, trainingMoments);
    }

    /** The class-attribute-last header Weka needs for the given feature names and labels. */
    public static Instances header(List<String> featureNames, List<String> labels, int capacity) {
        WekaEnvironment.ensure();
        ArrayList<Attribute> attributes = new ArrayList<>(featureNames.size() + 1);
        featureNames.forEach(name -> attributes.add(new Attribute(name)));
        attributes.add(new Attribute(CLASS_ATTRIBUTE, labels));
        Instances instances = new Instances("ser", attributes, capacity);
        instances.setClassIndex(featureNames.size());
        return instances;
    }

    public static ModelArtifact load(Path path) throws IOException {
        WekaEnvironment.ensure();
        if (!Files.isRegularFile(path)) {
            throw new ModelArtifactException("model artifact not found: " + path);
        }
        Map<String, byte[]> entries = readZip(path);
        for (String required : List.of(MANIFEST_ENTRY, HEADER_ENTRY, CLASSIFIER_ENTRY)) {
            if (!entries.containsKey(required)) {
                throw new ModelArtifactException(path + " is not a model artifact: it has no " + required);
            }
        }
        Manifest manifest = parseManifest(entries.get(MANIFEST_ENTRY), path);
        FeatureSet featureSet = compatibleFeatureSet(manifest, path);
        Instances header;
        try (InputStreamReader reader = new InputStreamReader(
                new ByteArrayInputStream(entries.get(HEADER_ENTRY)), StandardCharsets.UTF_8)) {
            header = new Instances(reader);
        } catch (IOException | RuntimeException e) {
            throw new ModelArtifactException(path + ": unreadable " + HEADER_ENTRY + ": " + e.getMessage(), e);
        }
        header.setClassIndex(header.numAttributes() - 1);
        try {
            checkHeader(header, manifest, featureSet);
        } catch (ModelArtifactException e) {
            throw new ModelArtifactException(path + ": " + e.getMessage(), e);
        }
        return new ModelArtifact(deserialise(entries.get(CLASSIFIER_ENTRY), path), header, manifest, featureSet,
                trainingMoments(entries.get(MOMENTS_ENTRY), featureSet, path));
    }

    /** The training moments entry, or null for artifacts made before it existed. */
    private static FeatureMoments trainingMoments(byte[] json, FeatureSet featureSet, Path path)
            throws ModelArtifactException {
        if (json == null) {
            return null;
        }
        try {
            FeatureMoments moments = RunningMoments.fromMap(MANIFEST_JSON.mapFrom(json)).moments();
            if (moments.width() != featureSet.names().size()) {
                throw new IllegalArgumentException(moments.width() + " features, expected "
                        + featureSet.names().size());
            }
            return moments;
        } catch (IOException | RuntimeException e) {
            throw new ModelArtifactException(path + ": unreadable " + MOMENTS_ENTRY + ": " + e.getMessage(), e);
        }
    }

    /** Writes the zip atomically (temp file + move), so a reader never sees half an artifact. */
    public void save(Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        try {
            readableByAll(temp); // temp files are owner-only; a model is shipped and read by other users
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(temp))) {
                put(zip, MANIFEST_ENTRY, MANIFEST_JSON.asBytes(manifest));
                put(zip, HEADER_ENTRY, header.toString().getBytes(StandardCharsets.UTF_8));
                put(zip, CLASSIFIER_ENTRY, serialise(classifier));
                if (trainingMoments != null) {
                    put(zip, MOMENTS_ENTRY, MANIFEST_JSON.asBytes(asRunning(trainingMoments).toMap()));
                }
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * @param features a vector from {@link #featureSet()}
     * @return one calibrated probability per label, in {@link #labels()} order
     */
    public double[] probabilities(double[] features) {
        int n = header.numAttributes() - 1;
        if (features.length != n) {
            throw new IllegalArgumentException("expected " + n + " features, got " + features.length);
        }
        double[] values = new double[n + 1];
        System.arraycopy(features, 0, values, 0, n);
        values[n] = Double.NaN; // class unknown
        Instance instance = new DenseInstance(1.0, values);
        instance.setDataset(header);
        try {
            double[] raw;
            synchronized (this) {
                raw = classifier.distributionForInstance(instance);
            }
            return calibration().apply(raw);
        } catch (Exception e) {
            // Weka declares Exception; for a loaded, header-checked model this is our fault, not the caller's
            throw new IllegalStateException("classifier failed: " + e.getMessage(), e);
        }
    }

    /** The weighted feature moments of the training set, when the artifact records them. */
    public java.util.Optional<FeatureMoments> trainingMoments() {
        return java.util.Optional.ofNullable(trainingMoments);
    }

    /** Moments stored as running ones (their count, means and squared deviations), one format for both. */
    private static RunningMoments asRunning(FeatureMoments m) {
        double[] m2 = new double[m.width()];
        for (int j = 0; j < m2.length; j++) {
            m2[j] = m.std()[j] * m.std()[j] * m.count();
        }
        return new RunningMoments(m.count(), m.mean(), m2);
    }

    /** The calibration applied by {@link #probabilities}. */
    public Calibration calibration() {
        return manifest.calibrationOrNone();
    }

    public Manifest manifest() {
        return manifest;
    }

    public String version() {
        return manifest.version();
    }

    public List<String> labels() {
        return manifest.labels();
    }

    public FeatureSet featureSet() {
        return featureSet;
    }

    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its defaults apply
        }
    }

    private static Manifest parseManifest(byte[] json, Path path) throws ModelArtifactException {
        Manifest manifest;
        try {
            manifest = MANIFEST_JSON.beanFrom(Manifest.class, json);
        } catch (IOException e) {
            throw new ModelArtifactException(path + ": unreadable " + MANIFEST_ENTRY + ": " + e.getMessage(), e);
        }
        if (manifest.version() == null || manifest.featureSet() == null || manifest.labels() == null
                || manifest.labels().isEmpty()) {
            throw new ModelArtifactException(path + ": " + MANIFEST_ENTRY + " lacks version, featureSet or labels");
        }
        return manifest;
    }

    private static FeatureSet compatibleFeatureSet(Manifest manifest, Path path) throws ModelArtifactException {
        try {
            return FeatureSets.byName(manifest.featureSet(), manifest.featureSetVersion());
        } catch (IllegalArgumentException e) {
            throw new ModelArtifactException(path + " was trained on feature set '" + manifest.featureSet()
                    + "' version " + manifest.featureSetVersion() + ", which this engine does not compute ("
                    + e.getMessage() + "); retrain it with `ser train`");
        }
    }

    private static void checkHeader(Instances header, Manifest manifest, FeatureSet featureSet)
            throws ModelArtifactException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.numAttributes() - 1; i++) {
            names.add(header.attribute(i).name());
        }
        if (!names.equals(featureSet.names())) {
            throw new ModelArtifactException("the model's " + names.size() + " features are not the "
                    + featureSet.names().size() + " that feature set '" + featureSet.name() + "' v"
                    + featureSet.version() + " computes (the set changed without a version bump?); retrain it with "
                    + "`ser train`");
        }
        Attribute classAttribute = header.classAttribute();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < classAttribute.numValues(); i++) {
            labels.add(classAttribute.value(i));
        }
        if (!classAttribute.isNominal() || !labels.equals(manifest.labels())) {
            throw new ModelArtifactException("header labels " + labels + " differ from manifest " + manifest.labels());
        }
    }

    private static Map<String, byte[]> readZip(Path path) throws ModelArtifactException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(path))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException | RuntimeException e) {
            throw new ModelArtifactException(path + " is not a readable zip: " + e.getMessage(), e);
        }
        return entries;
    }

    private static Classifier deserialise(byte[] bytes, Path path) throws ModelArtifactException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(ONLY_WEKA);
            return (Classifier) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new ModelArtifactException(path + ": cannot read " + CLASSIFIER_ENTRY + ": " + e.getMessage(), e);
        }
    }

    private static byte[] serialise(Classifier classifier) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(classifier);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
