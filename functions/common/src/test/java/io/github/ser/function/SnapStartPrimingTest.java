package io.github.ser.function;

import io.github.ser.Prediction;
import io.github.ser.function.testing.RepoFiles;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SnapStartPrimingTest {

    @Test
    void theHookRunsARealRecognitionWithTheShippedModel() throws Exception {
        RepoFiles.requireModel();
        try (ApplicationContext context = ApplicationContext.run(Map.of("ser.model-path", RepoFiles.model().toString()))) {
            SnapStartPriming priming = context.getBean(SnapStartPriming.class);
            Prediction primed = priming.prime();
            RecognizerProvider recognizers = context.getBean(RecognizerProvider.class);
            assertEquals(recognizers.get().modelVersion(), primed.model());
            assertNotNull(recognizers.get().labels().contains(primed.emotion()) ? primed.emotion() : null,
                    "a label of the model: " + primed.emotion());
            assertEquals(1.5, primed.durationSeconds(), 1e-9);
            priming.beforeCheckpoint(null); // what Lambda calls before the snapshot: must not throw
        }
    }

    @Test
    void aModelThatDoesNotLoadFailsTheCheckpointRatherThanBeingSnapshotted() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("ser.model-path", "/nonexistent/model.zip"))) {
            SnapStartPriming priming = context.getBean(SnapStartPriming.class);
            assertThrows(ModelUnavailableException.class, () -> priming.beforeCheckpoint(null));
        }
    }
}
