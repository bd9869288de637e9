package io.github.ser.api;

import io.github.ser.testing.CompressedClips;
import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.function.testing.CloudFormationTemplate;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.S3TestServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.github.ser.function.testing.CloudFormationTemplate.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code openapi.yaml} (in this module's resources, served by the local stack), the hand-written contract, against
 * the three things it describes: the controllers' routes, the routes {@code template.yaml} gives API Gateway, and
 * real answers of the handler behind API Gateway's proxy translation (the sample events in {@code events/}).
 */
class ApiContractTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3TestServer.extension();

    static final String OPENAPI = "functions/prediction/src/main/resources/openapi.yaml";
    static final ObjectMapper JSON = new ObjectMapper();
    static Map<String, Object> openApi;
    static ApiGatewayProxyRequestEventFunction handler;

    @BeforeAll
    static void start() throws Exception {
        openApi = new Yaml().load(Files.readString(RepoFiles.root().resolve(OPENAPI)));
        ApplicationContextBuilder builder = ApplicationContext.builder()
                .properties(S3TestServer.properties(S3_MOCK, RepoFiles.model().toString()));
        handler = new PredictionHandler(PredictionHandler.lambdaContext(builder).build());   // as deployed
    }

    @AfterAll
    static void stop() {
        handler.getApplicationContext().close();
    }

    @Test
    void theDocumentTheControllersAndTheTemplateHaveTheSameRoutes() {
        Set<String> documented = new TreeSet<>();
        map(openApi.get("paths")).forEach((path, operations) ->
                map(operations).keySet().forEach(method -> documented.add(method.toUpperCase() + " " + path)));

        Set<String> served = handler.getApplicationContext().getBean(Router.class).uriRoutes()
                // Micronaut answers HEAD for every GET by itself; API Gateway has no such route
                .filter(route -> !route.getHttpMethodName().equals("HEAD"))
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString()
                        .replace("{+", "{"))
                .collect(Collectors.toCollection(TreeSet::new));

        CloudFormationTemplate template = CloudFormationTemplate.load();
        Set<String> deployed = new TreeSet<>();
        for (String function : template.resourcesOfType("AWS::Serverless::Function")) {
            map(template.properties(function).getOrDefault("Events", Map.of())).values().forEach(event -> {
                if ("Api".equals(map(event).get("Type"))) {
                    Map<String, Object> p = map(map(event).get("Properties"));
                    deployed.add(p.get("Method") + " " + ((String) p.get("Path")).replace("+}", "}"));
                }
            });
        }

        assertEquals(Set.of("POST /predict", "POST /uploads", "GET /results/{key}", "PUT /results/{key}/label", "GET /health",
                "GET /health/ready"), documented);
        assertEquals(documented, served, "the controllers");
        // API Gateway takes a greedy variable ({key+}) only as the last part: PUT /results/{key}/label is its PUT /results/{key+}
        assertEquals(documented.stream().map(route -> route.replaceAll("(\\{key\\}).+", "$1"))
                .collect(Collectors.toCollection(TreeSet::new)), deployed, "template.yaml");
    }

    @Test
    void everyOperationNeedsTheApiKeyOrAUsersTokenAsTheTemplateDeploysIt() {
        assertEquals(List.of(Map.of("apiKey", List.of()), Map.of("cognito", List.of())), openApi.get("security"));
        Map<String, Object> schemes = map(map(openApi.get("components")).get("securitySchemes"));
        assertEquals(Map.of("type", "apiKey", "in", "header", "name", "x-api-key"), map(schemes.get("apiKey")));
        Map<String, Object> bearer = map(schemes.get("cognito"));
        assertEquals(List.of("http", "bearer", "JWT"), List.of(bearer.get("type"), bearer.get("scheme"), bearer.get("bearerFormat")));

        CloudFormationTemplate template = CloudFormationTemplate.load();
        assertTrue(((List<?>) map(map(template.section("Parameters")).get("AuthMode")).get("AllowedValues")).containsAll(
                List.of("api-key", "cognito")), "the template's AuthMode offers both documented schemes");
        String api = template.resourcesOfType("AWS::Serverless::Api").get(0);
        Map<String, Object> authorizers = map(map(template.properties(api).get("Auth")).get("Authorizers"));
        assertTrue(map(map(authorizers.get("UserPoolAuthorizer"))).containsKey("UserPoolArn"), "a Cognito user pool authorizer");
    }

    /**
     * What API Gateway answers before (or instead of) the function, for any route, in the template's gateway
     * responses, and the function's own 414: every operation documents the status, and the document names the code.
     */
    @Test
    void everyOperationDocumentsApiGatewaysOwnRefusalsWithTheirCodes() {
        CloudFormationTemplate template = CloudFormationTemplate.load();
        String api = template.resourcesOfType("AWS::Serverless::Api").get(0);
        Map<String, Object> gateway = map(template.properties(api).get("GatewayResponses"));
        Map<String, String> codes = new java.util.TreeMap<>(Map.of("414", UriLength.CODE));
        for (String type : List.of("INVALID_API_KEY", "UNAUTHORIZED", "THROTTLED", "QUOTA_EXCEEDED", "WAF_FILTERED",
                "INTEGRATION_TIMEOUT")) {
            Map<String, Object> response = map(gateway.get(type));
            String body = (String) map(response.get("ResponseTemplates")).get("application/json");
            java.util.regex.Matcher code = java.util.regex.Pattern.compile("\"error\": \"([a-z_]+)\"").matcher(body);
            assertTrue(code.find(), type + ": " + body);
            codes.merge((String) response.get("StatusCode"), code.group(1), (a, b) -> a + " " + b);
        }
        assertEquals(Set.of("401", "403", "414", "429", "504"), codes.keySet());

        Map<String, Object> responses = map(map(openApi.get("components")).get("responses"));
        String described = responses.values().stream().map(r -> (String) map(r).get("description"))
                .collect(Collectors.joining(" "));
        codes.values().stream().flatMap(c -> java.util.Arrays.stream(c.split(" "))).forEach(code ->
                assertTrue(described.matches("(?s).*\\b" + code + "\\b.*"), "the document names the code " + code));
        map(openApi.get("paths")).forEach((path, operations) -> map(operations).forEach((method, operation) -> {
            Map<String, Object> documented = map(map(operation).get("responses"));
            for (String status : codes.keySet()) {
                assertTrue(documented.containsKey(status), method + " " + path + " documents " + status);
                String ref = (String) map(documented.get(status)).get("$ref");
                Map<String, Object> content = map(map(responses.get(ref.substring(ref.lastIndexOf('/') + 1))).get("content"));
                assertEquals("#/components/schemas/Error",
                        map(map(content.get("application/json")).get("schema")).get("$ref"), method + " " + path + " " + status);
            }
        }));
    }

    @Test
    void theDocumentedUploadTypesAreTheAllowlist() {
        Map<String, Object> contentType = map(map(schema("UploadRequest").get("properties")).get("contentType"));
        assertEquals(io.github.ser.audio.AudioMediaTypes.all(), Set.copyOf((List<?>) contentType.get("enum")));
        assertEquals(List.of("size"), schema("UploadRequest").get("required"));
    }

    @Test
    void everyCompressedFormatTheEngineDecodesCanBeUploadedWithTheTypeABrowserSends() {
        for (CompressedClips.Clip clip : CompressedClips.ALL) {
            assertTrue(io.github.ser.audio.AudioMediaTypes.allowed(clip.contentType()).isPresent(), clip.name() + " as " + clip.contentType());
        }
    }

    @Test
    void realAnswersHaveTheDocumentedShapes() throws Exception {
        RepoFiles.requireModel();
        JsonNode prediction = call(ApiEvents.file("api-predict.json"), 200);
        assertShape(prediction, schema("Prediction"), "/predict");
        assertShape(prediction.get("timings"), schema("Timings"), "/predict timings");
        assertShape(call(ApiEvents.file("api-health.json"), 200), schema("Health"), "/health");
        assertShape(call(ApiEvents.file("api-uploads.json"), 201), schema("PresignedUpload"), "/uploads");
        assertShape(call(ApiEvents.file("api-results.json"), 404), schema("Error"), "/results, not uploaded");
        assertShape(call(ApiEvents.file("api-label.json"), 404), schema("Error"), "/results/{key}/label, not uploaded");
        handler.getApplicationContext().getBean(software.amazon.awssdk.services.s3.S3Client.class).putObject(b -> b.bucket(S3TestServer.BUCKET).key("uploads/0b6f3c1e-5d0a-4f8e-9a51-6f2d1c7e9b20.wav"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[] {1}));
        assertShape(call(ApiEvents.file("api-label.json"), 200), schema("Correction"), "/results/{key}/label");
        assertShape(call(ApiEvents.json("POST", "/uploads", "{}"), 400), schema("Error"), "/uploads without size");
    }

    private static JsonNode call(com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent event, int status)
            throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, new MockLambdaContext());
        assertEquals(status, response.getStatusCode(), response.getBody());
        return JSON.readTree(response.getBody());
    }

    private static Map<String, Object> schema(String name) {
        return map(map(map(openApi.get("components")).get("schemas")).get(name));
    }

    /** Every required property is there, and nothing is there that the schema does not name. */
    private static void assertShape(JsonNode value, Map<String, Object> schema, String where) {
        assertTrue(value.isObject(), where + ": " + value);
        for (Object required : (List<?>) schema.getOrDefault("required", List.of())) {
            assertTrue(value.has((String) required), where + " lacks " + required + ": " + value);
        }
        Set<String> properties = map(schema.get("properties")).keySet();
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            assertTrue(properties.contains(name), where + " has " + name + ", which the document does not name");
        }
    }
}
