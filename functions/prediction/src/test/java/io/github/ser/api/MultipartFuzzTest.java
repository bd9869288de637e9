package io.github.ser.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ser.testing.CostBound;
import java.util.Optional;

/**
 * Coverage-guided fuzzing (Jazzer) of the multipart parser, the API's own code for untrusted bodies: any boundary
 * and body end in the field, no field, or a 400 {@code bad_request}, never another exception, within
 * {@value #MAX_CPU_MILLIS} ms of CPU and {@value #MAX_MEGABYTES} MB per input. {@code mvn verify} replays
 * {@code MultipartFuzzTestInputs/field/} and then fuzzes for the annotation's duration (see docs/operations.md).
 */
class MultipartFuzzTest {
    private static final long MAX_CPU_MILLIS = 500;
    private static final long MAX_MEGABYTES = 20;
    private static final CostBound BOUND = new CostBound(MAX_CPU_MILLIS, MAX_MEGABYTES);

    @FuzzTest(maxDuration = "15s")
    void field(FuzzedDataProvider data) throws Exception {
        String contentType = "multipart/form-data; " + data.consumeString(80);
        byte[] body = data.consumeRemainingAsBytes();
        BOUND.check(body.length + " bytes of form", () -> {
            Optional<String> boundary = MultipartForm.boundary(contentType);
            if (boundary.isEmpty()) {
                return;
            }
            try {
                Optional<byte[]> audio = MultipartForm.field(body, boundary.get(), AudioRequest.FIELD);
                audio.ifPresent(bytes -> assertTrue(bytes.length <= body.length));
            } catch (ApiException e) {
                assertEquals(400, e.status().getCode());
                assertEquals("bad_request", e.code());
            }
        });
    }
}
