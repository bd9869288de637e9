package io.github.ser.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.S3TestServer;
import io.github.ser.function.testing.StallingProxy;
import io.github.ser.function.testing.TestAudio;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Case 4 of issue #9: S3 frozen (a proxy that accepts and never answers) and S3 gone (the port closed), with the
 * shipped SDK timeouts. Everything that needs S3 is {@code 503 storage_unavailable} JSON within 5 s; readiness says
 * so; {@code POST /predict}, which needs no S3, keeps working.
 */
class StorageFaultsTest {
    private static final long WITHIN_MILLIS = 5_000;

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3TestServer.extension();

    StallingProxy proxy;
    ApiGatewayProxyRequestEventFunction api;

    @BeforeEach
    void start() throws Exception {
        proxy = new StallingProxy(URI.create(S3_MOCK.getServiceEndpoint()).getPort());
        Map<String, Object> properties = new HashMap<>(S3TestServer.properties(S3_MOCK, RepoFiles.model().toString()));
        properties.remove("ser.s3-attempt-timeout");
        properties.remove("ser.s3-call-timeout");
        properties.put("ser.s3-endpoint", proxy.endpoint().toString());
        ApplicationContextBuilder builder = ApplicationContext.builder().properties(properties);
        api = new PredictionHandler(PredictionHandler.lambdaContext(builder).build());   // as deployed
        // warm up S3Mock and the SDK: the timeouts are for a frozen server, not a cold one
        for (int ok = 0, tries = 0; ok < 3 && tries < 20; tries++) {
            ok += call(results()).status() == 404 ? 1 : 0;
        }
        assertEquals(404, call(results()).status());
    }

    @AfterEach
    void stop() {
        api.getApplicationContext().close();
        proxy.close();
    }

    @Test
    void frozenStorageIs503WithinSecondsAndReadinessSaysSo() throws Exception {
        proxy.pause();
        expectUnavailable();
        proxy.resume();
        assertEquals(404, call(results()).status(), "answers again once S3 does");
    }

    @Test
    void stoppedStorageIs503AndReadinessSaysSo() throws Exception {
        proxy.stop();
        expectUnavailable();
    }

    private void expectUnavailable() throws Exception {
        for (APIGatewayProxyRequestEvent event : new APIGatewayProxyRequestEvent[]{results(),
                ApiEvents.json("POST", "/uploads", "{\"size\": 1000}"), ApiEvents.request("GET", "/health/ready", "/health/ready")}) {
            long started = System.nanoTime();
            Timed reply = call(event);
            String what = event.getHttpMethod() + " " + event.getPath();
            assertTrue(reply.millis() <= WITHIN_MILLIS, what + " took " + reply.millis() + " ms");
            PredictionApiHandlerTest.assertError(reply.reply(), 503, "storage_unavailable");
            assertTrue(Integer.parseInt(PredictionApiHandlerTest.header(reply.response(), "Retry-After")) > 0, what);
        }
        Timed health = call(ApiEvents.file("api-health.json"));
        assertTrue(health.millis() <= WITHIN_MILLIS, "/health took " + health.millis() + " ms");
        RepoFiles.requireModel();
        {
            assertEquals(200, health.status());
            assertEquals("degraded", health.reply().body().get("status").asText());
            assertEquals("unavailable", health.reply().body().get("storage").asText());
            // the synchronous API needs no storage
            assertEquals(200, call(ApiEvents.predict(RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV), "audio/wav")).status());
        }
    }

    private static APIGatewayProxyRequestEvent results() {
        return ApiEvents.request("GET", "/results/uploads/never-uploaded.wav", "/results/{key+}");
    }

    private record Timed(APIGatewayProxyResponseEvent response, PredictionApiHandlerTest.Reply reply, long millis) {
        int status() {
            return reply.status();
        }
    }

    private Timed call(APIGatewayProxyRequestEvent event) throws Exception {
        long started = System.nanoTime();
        APIGatewayProxyResponseEvent response = api.handleRequest(event, new MockLambdaContext());
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Timed(response, PredictionApiHandlerTest.reply(response), millis);
    }
}
