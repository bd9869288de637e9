package io.github.ser.api;

import static io.github.ser.function.testing.S3TestServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.github.ser.AnalysisGate;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.S3TestServer;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link HostileRequests} through API Gateway's proxy translation (payload 1.0), as deployed. */
class HostileRequestsTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3TestServer.extension();

    static ApiGatewayProxyRequestEventFunction api;

    @BeforeAll
    static void start() {
        api = PredictionApiHandlerTest.lambda(S3_MOCK, Map.of("ser.allowed-origin", HostileRequests.ALLOWED_ORIGIN));
        HostileRequests.plant(api.getApplicationContext().getBean(S3Client.class), BUCKET);
    }

    @AfterAll
    static void stop() {
        api.getApplicationContext().close();
    }

    static List<HostileRequests.Row> rows() throws Exception {
        return HostileRequests.rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachCaseGetsItsDocumentedAnswer(HostileRequests.Row row) throws Exception {
        if (row.needsModel()) {
            RepoFiles.requireModel();
        }
        // the template's Cors makes API Gateway answer preflight requests itself: they never reach the function
        assumeTrue(!row.method().equals("OPTIONS"), "API Gateway answers OPTIONS itself");
        PredictionApiHandlerTest.Reply reply = PredictionApiHandlerTest.reply(api.handleRequest(event(row),
                new io.micronaut.function.aws.proxy.MockLambdaContext()));
        assertAnswer(row, reply.status(), reply.body());
    }

    /** 2. back-pressure: with the gate full, a valid clip is 503 with Retry-After, never a client error. */
    @Test
    void aFullGateIsA503WithRetryAfter() throws Exception {
        RepoFiles.requireModel();
        AnalysisGate gate = api.getApplicationContext().getBean(AnalysisGate.class);
        byte[] clip = RepoFiles.sharedBytes(io.github.ser.function.testing.TestAudio.SAMPLE_WAV);
        try (AnalysisGate.Permit busy = gate.enter(gate.capacitySeconds())) {
            var response = api.handleRequest(ApiEvents.predict(clip, "audio/wav"), new io.micronaut.function.aws.proxy.MockLambdaContext());
            PredictionApiHandlerTest.Reply reply = PredictionApiHandlerTest.reply(response);
            PredictionApiHandlerTest.assertError(reply, 503, "overloaded");
            assertTrue(Integer.parseInt(PredictionApiHandlerTest.header(response, "Retry-After")) > 0);
        }
        assertEquals(200, PredictionApiHandlerTest.reply(api.handleRequest(ApiEvents.predict(clip, "audio/wav"),
                new io.micronaut.function.aws.proxy.MockLambdaContext())).status());
    }

    static void assertAnswer(HostileRequests.Row row, int status, com.fasterxml.jackson.databind.JsonNode body) {
        assertTrue(status < 500, row + ": a client's mistake got " + status + " " + body);
        assertEquals(row.status(), status, row + ": " + body);
        if (row.code() != null) {
            assertEquals(row.code(), body.get("error").asText(), row + ": " + body);
            assertTrue(body.get("message").asText().length() > 10, row + ": " + body);
        }
    }

    /** The row as API Gateway would hand it to Lambda: binary bodies base64, JSON as text. */
    static APIGatewayProxyRequestEvent event(HostileRequests.Row row) {
        String resource = row.path().startsWith("/results/") ? "/results/{key+}"
                : List.of("/predict", "/uploads", "/health").contains(row.path()) ? row.path() : "/{proxy+}";
        APIGatewayProxyRequestEvent event = ApiEvents.request(row.method(), row.path(), resource);
        row.headers().forEach((name, value) -> ApiEvents.withHeader(event, name, value));
        if (row.body() != null) {
            boolean text = "application/json".equals(row.headers().get("Content-Type"));
            event.setIsBase64Encoded(!text);
            event.setBody(text ? new String(row.body(), java.nio.charset.StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(row.body()));
            ApiEvents.withHeader(event, "Content-Length", String.valueOf(row.body().length));
        }
        return event;
    }
}
