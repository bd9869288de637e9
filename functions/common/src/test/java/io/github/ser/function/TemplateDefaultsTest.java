package io.github.ser.function;

import io.github.ser.RepositoryLayout;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * template.yaml cannot read Java, and IAM policies need the prefixes spelled out, so the deployment's values are
 * checked here against {@link SerConfiguration}'s defaults instead of being trusted to agree; the values the
 * template need not set (model path, result prefix) it leaves to those defaults.
 */
class TemplateDefaultsTest {

    @Test
    void theTemplateAgreesWithTheFunctionsDefaultsAndRepeatsNoneItNeedNot() throws IOException {
        String template = Files.readString(RepositoryLayout.root().resolve("template.yaml"));
        assertTrue(template.contains("  UploadPrefix:\n    Type: String\n    Default: "
                + SerConfiguration.DEFAULT_UPLOAD_PREFIX + "\n"), "UploadPrefix's default differs from SerConfiguration's");
        assertTrue(template.contains("}/" + SerConfiguration.DEFAULT_RESULT_PREFIX + "*\""),
                "the result prefix in the IAM policies differs from SerConfiguration's");
        for (String variable : new String[] {"SER_MODEL_PATH", "SER_RESULT_PREFIX", "SER_MAX_REQUEST_BYTES",
                "SER_MAX_UPLOAD_BYTES", "SER_MAX_DURATION_SECONDS"}) {
            assertFalse(template.contains(variable + ":"), "template.yaml sets " + variable
                    + ": leave it to SerConfiguration's default, written once");
        }
    }
}
