package io.github.ser.model;

import io.github.ser.dsp.ArgMax;
import io.github.ser.training.SyntheticTables;
import io.github.ser.training.Trainer;
import io.github.ser.training.MlpSettings;
import io.github.ser.training.FeatureTable;
import io.github.ser.training.Evaluator;
import io.github.ser.training.ClassifierSpec;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ser.features.FeatureSet;
import io.github.ser.features.FeatureSets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelArtifactTest {

    private static final FeatureSet SEED = FeatureSets.byName("seed");
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static FeatureTable table;
    private static ModelArtifact trained;

    @TempDir
    static Path dir;

    @BeforeAll
    static void train() {
        table = SyntheticTables.ravdess(SEED, Emotions.ALL, List.of(1, 2, 3), 3, 7);
        ClassifierSpec spec = new ClassifierSpec("mlp", new MlpSettings(16, 30, 0.1, 0.2, false, 1, 1));
        trained = Trainer.train(table, spec, Trainer.Provenance.NONE, NOW);
    }

    @Test
    void manifestDescribesTheModel() {
        Manifest m = trained.manifest();
        assertEquals("ser-seed-v" + SEED.version() + "-20261124T1000", m.version());
        assertEquals("seed", m.featureSet());
        assertEquals(SEED.version(), m.featureSetVersion());
        assertEquals(Emotions.ALL, m.labels());
        assertTrue(m.classifier().startsWith("weka.classifiers.meta.FilteredClassifier"), m.classifier());
        assertTrue(m.classifier().contains("Standardize") && m.classifier().contains("MultilayerPerceptron"));
        assertEquals(Map.of("ravdess", 72), m.trainedOn().corpora());
        assertEquals(72, m.trainedOn().clips());
        assertEquals(9, m.trainedOn().perLabel().get("calm"));
        assertEquals("2026-11-24T10:00:00Z", m.createdAt());
    }

    @Test
    void savedArtifactLoadsAndPredictsExactlyTheSame() throws IOException {
        Path file = dir.resolve("same/model.zip");
        trained.save(file);

        ModelArtifact loaded = ModelArtifact.load(file);

        assertEquals(trained.manifest(), loaded.manifest());
        assertEquals(Emotions.ALL, loaded.labels());
        assertEquals("seed", loaded.featureSet().name());
        for (int i = 0; i < table.size(); i += 5) {
            double[] p = loaded.probabilities(table.rows().get(i));
            assertArrayEquals(trained.probabilities(table.rows().get(i)), p, 0);
            assertEquals(1.0, p[0] + p[1] + p[2] + p[3] + p[4] + p[5] + p[6] + p[7], 1e-9);
            assertEquals(table.clips().get(i).emotion(), loaded.labels().get(ArgMax.of(p)));
        }
        assertEquals(List.of("classifier.model", "header.arff", "manifest.json", "training-moments.json"),
                readZip(file).keySet().stream().sorted().toList());
        // the training moments come back as they were (a deployment aligns clips onto them)
        assertArrayEquals(trained.trainingMoments().orElseThrow().mean(), loaded.trainingMoments().orElseThrow().mean(),
                1e-12);
        assertArrayEquals(trained.trainingMoments().orElseThrow().std(), loaded.trainingMoments().orElseThrow().std(),
                1e-9);
        assertEquals(trained.trainingMoments().orElseThrow().count(), loaded.trainingMoments().orElseThrow().count());
    }

    @Test
    void theShippedKindNetworksWithARegressionBesideThemSavesAndLoadsThroughTheDeserialisationFilter()
            throws IOException {
        ClassifierSpec shipped = new ClassifierSpec(ClassifierSpec.defaults().kind(),
                new MlpSettings(4, 5, 0.1, 0.2, false, 1, 2));
        ModelArtifact both = Trainer.train(table, shipped, Trainer.Provenance.NONE, NOW);
        Path file = dir.resolve("shipped-kind/model.zip");
        both.save(file);

        ModelArtifact loaded = ModelArtifact.load(file);

        assertTrue(loaded.manifest().classifier().contains("MultilayerPerceptron")
                && loaded.manifest().classifier().contains("Logistic -R 100.0"), loaded.manifest().classifier());
        for (int i = 0; i < table.size(); i += 7) {
            assertArrayEquals(both.probabilities(table.rows().get(i)), loaded.probabilities(table.rows().get(i)), 0);
        }
    }

    @Test
    void anArtifactWithoutTrainingMomentsStillLoads() throws IOException {
        Path file = dir.resolve("older/model.zip");
        trained.save(file);
        Map<String, byte[]> entries = readZip(file);
        entries.remove("training-moments.json");
        writeZip(file, entries);

        assertTrue(ModelArtifact.load(file).trainingMoments().isEmpty());
    }

    @Test
    void refusesAFeatureSetVersionItDoesNotCompute() throws IOException {
        Path file = dir.resolve("old.zip");
        trained.save(file);
        rewriteManifest(file, m -> m.put("featureSetVersion", SEED.version() + 1));

        ModelArtifactException e = assertThrows(ModelArtifactException.class, () -> ModelArtifact.load(file));

        assertTrue(e.getMessage().contains("version " + (SEED.version() + 1)), e.getMessage());
        assertTrue(e.getMessage().contains("which this engine does not compute"), e.getMessage());
        assertTrue(e.getMessage().contains("known: " + FeatureSets.names()), e.getMessage());
    }

    @Test
    void refusesAnUnknownFeatureSet() throws IOException {
        Path file = dir.resolve("unknown.zip");
        trained.save(file);
        rewriteManifest(file, m -> m.put("featureSet", "mystery"));

        ModelArtifactException e = assertThrows(ModelArtifactException.class, () -> ModelArtifact.load(file));

        assertTrue(e.getMessage().contains("'mystery'"), e.getMessage());
    }

    @Test
    void refusesAHeaderThatDiffersFromTheFeatureSetItNames() throws IOException {
        Path file = dir.resolve("drifted.zip");
        trained.save(file);
        Map<String, byte[]> entries = readZip(file);
        String header = new String(entries.get("header.arff"), StandardCharsets.UTF_8);
        String first = SEED.names().get(0);
        assertTrue(header.contains("@attribute " + first + " numeric"), header.substring(0, 200));
        entries.put("header.arff", header.replace("@attribute " + first + " numeric", "")
                .getBytes(StandardCharsets.UTF_8));
        writeZip(file, entries);

        ModelArtifactException e = assertThrows(ModelArtifactException.class, () -> ModelArtifact.load(file));

        assertTrue(e.getMessage().contains("179 features are not the 180"), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void refusesFilesThatAreNotArtifacts() throws IOException {
        Path notZip = Files.writeString(dir.resolve("notes.zip"), "hello");
        Path missingEntry = dir.resolve("partial.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(missingEntry))) {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write("{}".getBytes());
        }

        assertThrows(ModelArtifactException.class, () -> ModelArtifact.load(dir.resolve("absent.zip")));
        assertThrows(ModelArtifactException.class, () -> ModelArtifact.load(notZip));
        ModelArtifactException e = assertThrows(ModelArtifactException.class, () -> ModelArtifact.load(missingEntry));
        assertTrue(e.getMessage().contains("header.arff"), e.getMessage());
    }

    @Test
    void refusesAClassifierStreamThatIsNotAWekaModel() throws IOException {
        Path file = dir.resolve("evil.zip");
        trained.save(file);
        Map<String, byte[]> entries = readZip(file);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new URL("http://example.invalid/")); // outside the allow-list
        }
        entries.put("classifier.model", bytes.toByteArray());
        writeZip(file, entries);

        assertThrows(ModelArtifactException.class, () -> ModelArtifact.load(file));
    }

    @Test
    void rejectsVectorsOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> trained.probabilities(new double[3]));
    }

    private static void rewriteManifest(Path file, Consumer<ObjectNode> edit) throws IOException {
        Map<String, byte[]> entries = readZip(file);
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(entries.get("manifest.json"));
        edit.accept(manifest);
        entries.put("manifest.json", json.writeValueAsBytes(manifest));
        writeZip(file, entries);
    }

    private static Map<String, byte[]> readZip(Path file) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static void writeZip(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
    }
}
