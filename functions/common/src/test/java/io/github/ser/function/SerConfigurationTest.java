package io.github.ser.function;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerConfigurationTest {

    @Test
    void defaultsAreValidAndWrittenOnce() {
        try (ApplicationContext context = ApplicationContext.run()) {
            SerConfiguration config = context.getBean(SerConfiguration.class);
            assertEquals("/opt/model/emotion-model.zip", config.getModelPath());
            assertEquals(SerConfiguration.DEFAULT_BUCKET, config.getBucket());
            assertEquals("results/a/b.wav.json", config.resultKey("uploads/a/b.wav"));
        }
    }

    @Test
    void aBadValueStopsTheContextAtStartNamingThePropertyAndTheRule() {
        Exception e = assertThrows(Exception.class, () -> ApplicationContext.run(Map.of("ser.max-request-bytes", "-5")));
        String message = messages(e);
        assertTrue(message.contains("maxRequestBytes") && message.contains("must be greater than 0"), message);

        e = assertThrows(Exception.class, () -> ApplicationContext.run(Map.of("ser.upload-prefix", "uploads")));
        message = messages(e);
        assertTrue(message.contains("uploadPrefix") && message.contains("must end with /"), message);

        e = assertThrows(Exception.class, () -> ApplicationContext.run(Map.of("ser.bucket", " ")));
        message = messages(e);
        assertTrue(message.contains("bucket") && message.contains("must not be blank"), message);
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
