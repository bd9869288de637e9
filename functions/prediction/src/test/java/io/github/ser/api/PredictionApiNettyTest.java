package io.github.ser.api;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.S3TestServer;
import io.github.ser.function.testing.TestAudio;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same controllers under Netty over real HTTP, as the local stack serves them. */
class PredictionApiNettyTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3TestServer.extension();

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static EmbeddedServer server;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class,
                S3TestServer.properties(S3_MOCK, RepoFiles.model().toString()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void predictsFromARawWavAndFromAForm() throws Exception {
        RepoFiles.requireModel();
        byte[] wav = RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV);

        HttpResponse<String> raw = post("/predict", "audio/wav", wav);
        HttpResponse<String> form = post("/predict", Multipart.CONTENT_TYPE, Multipart.form("audio", "clip.wav", wav));

        assertEquals(200, raw.statusCode(), raw.body());
        assertEquals(200, form.statusCode(), form.body());
        assertEquals(JSON.readTree(raw.body()).get("probabilities"), JSON.readTree(form.body()).get("probabilities"));
    }

    @Test
    void refusalsHaveTheSameCodesAsBehindApiGateway() throws Exception {
        assertError(post("/predict", "text/plain", "hello".getBytes()), 415, "unsupported_media_type");
        assertError(post("/predict", "audio/wav", new byte[4_600_000]), 413, "too_large");
        assertError(post("/predict", Multipart.CONTENT_TYPE, Multipart.form("file", "x.wav", new byte[3])), 400, "bad_request");
        assertError(get("/results/uploads/never-uploaded.wav"), 404, "not_found");
        assertError(get("/nowhere"), 404, "not_found");
        assertError(post("/uploads", "application/json", "{}".getBytes()), 400, "bad_request");
        assertError(post("/uploads", "application/json", "{\"size\": 999999999999}".getBytes()), 413, "too_large");
    }

    @Test
    void uploadsHandsOutAPresignedPut() throws Exception {
        byte[] clip = TestAudio.silence(1, 16000);
        HttpResponse<String> response = post("/uploads", "application/json", ("{\"size\": " + clip.length + "}").getBytes());

        assertEquals(201, response.statusCode(), response.body());
        JsonNode ticket = JSON.readTree(response.body());
        assertTrue(ticket.get("url").asText().startsWith(S3_MOCK.getServiceEndpoint()), ticket.toString());
        assertEquals(clip.length, ticket.get("contentLength").asLong());
        assertEquals(200, PredictionApiHandlerTest.putTo(ticket, clip).statusCode());
        assertError(get("/results/" + ticket.get("key").asText()), 404, "not_ready");
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return HTTP.send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(server.getURL() + path);
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(code, JSON.readTree(response.body()).get("error").asText(), response.body());
    }
}
