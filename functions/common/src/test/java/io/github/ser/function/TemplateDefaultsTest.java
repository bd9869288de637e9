package io.github.ser.function;

import io.github.ser.RepositoryLayout;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * template.yaml cannot read Java, so the deployment's parameter defaults are checked here against
 * {@link SerConfiguration}'s instead of being trusted to agree; the prefixes are parameters (IAM policies and
 * lifecycle rules need them spelled out) handed to the functions by reference, and so is the upload bound (a
 * deployment's cost choice, at most the decoder's); the values the template need not set (model path, the other
 * limits) it leaves to those defaults.
 */
class TemplateDefaultsTest {

    @Test
    void theTemplateAgreesWithTheFunctionsDefaultsAndRepeatsNoneItNeedNot() throws IOException {
        String template = Files.readString(RepositoryLayout.root().resolve("template.yaml"));
        assertTrue(template.contains("  UploadPrefix:\n    Type: String\n    Default: "
                + SerConfiguration.DEFAULT_UPLOAD_PREFIX + "\n"), "UploadPrefix's default differs from SerConfiguration's");
        assertTrue(template.contains("  ResultPrefix:\n    Type: String\n    Default: "
                + SerConfiguration.DEFAULT_RESULT_PREFIX + "\n"), "ResultPrefix's default differs from SerConfiguration's");
        assertTrue(template.contains("SER_UPLOAD_PREFIX: !Ref UploadPrefix\n"), "the functions' upload prefix is the parameter");
        assertTrue(template.contains("SER_RESULT_PREFIX: !Ref ResultPrefix\n"), "the functions' result prefix is the parameter");
        // a deployment's choice (how much one upload may store), bounded by SerConfiguration's default: TemplateTest
        assertTrue(template.contains("SER_MAX_UPLOAD_BYTES: !Ref MaxUploadBytes\n"), "the upload bound is the parameter");
        for (String variable : new String[] {"SER_MODEL_PATH", "SER_MAX_REQUEST_BYTES", "SER_MAX_DURATION_SECONDS"}) {
            assertFalse(template.contains(variable + ":"), "template.yaml sets " + variable
                    + ": leave it to SerConfiguration's default, written once");
        }
    }
}
