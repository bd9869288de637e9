package io.github.ser.api;

import static io.github.ser.function.testing.S3TestServer.BUCKET;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.S3TestServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link HostileRequests} over real HTTP to Netty, as the local stack serves the API. */
class HostileRequestsNettyTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3TestServer.extension();

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static EmbeddedServer server;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = new HashMap<>(S3TestServer.properties(S3_MOCK, RepoFiles.model().toString()));
        properties.put("ser.allowed-origin", HostileRequests.ALLOWED_ORIGIN);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        HostileRequests.plant(server.getApplicationContext().getBean(S3Client.class), BUCKET);
    }

    @AfterAll
    static void stop() {
        server.close();
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + row.path()))
                .method(row.method(), row.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(row.body()));
        row.headers().forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        org.junit.jupiter.api.Assertions.assertEquals("application/json",
                response.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""), row + ": " + response.body());
        JsonNode body = JSON.readTree(response.body());
        HostileRequestsTest.assertAnswer(row, response.statusCode(), body);
    }
}
