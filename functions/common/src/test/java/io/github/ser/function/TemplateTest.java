package io.github.ser.function;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.function.testing.CloudFormationTemplate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.github.ser.function.testing.CloudFormationTemplate.list;
import static io.github.ser.function.testing.CloudFormationTemplate.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules {@code template.yaml} must keep, checked on every build (cfn-lint is a Python tool and cannot be installed
 * on a fresh machine): authentication on by default, no implicit stage, bounded concurrency, logs that expire, data
 * that expires, traces, alarms, security headers, TLS only, prefixes that cannot overlap.
 */
class TemplateTest {
    static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.load();
    static final Map<String, Object> DEFAULTS = TEMPLATE.defaults();
    static final String CLIP_BUCKET = "${AWS::StackName}-clips-${AWS::AccountId}-${AWS::Region}";

    @Test
    void languageExtensionsRunBeforeSamSoTheAuthModeCanBeAParameter() {
        assertEquals(List.of("AWS::LanguageExtensions", "AWS::Serverless-2016-10-31"), TEMPLATE.root().get("Transform"));
    }

    @Test
    void thereIsNoImplicitStageAndNoImplicitApi() {
        Map<String, Object> api = map(map(TEMPLATE.section("Globals")).get("Api"));
        assertTrue(String.valueOf(api.get("OpenApiVersion")).startsWith("3."), "a 3.x OpenApiVersion removes SAM's 'Stage' stage");
        for (String function : functions()) {
            apiEvents(function).forEach((name, event) -> assertNotNull(map(event.get("Properties")).get("RestApiId"),
                    function + "." + name + " would create SAM's implicit ServerlessRestApi"));
        }
        assertEquals(List.of("PredictionApi"), TEMPLATE.resourcesOfType("AWS::Serverless::Api"));
    }

    @Test
    void inTheDefaultModeEveryRouteNeedsTheApiKeyUnderAUsagePlan() {
        assertEquals("api-key", DEFAULTS.get("AuthMode"));
        Map<String, Object> auth = map(TEMPLATE.resolve(TEMPLATE.properties("PredictionApi").get("Auth"), DEFAULTS));
        assertEquals(true, auth.get("ApiKeyRequired"));
        assertEquals(false, auth.get("AddApiKeyRequiredToCorsPreflight"), "browsers send CORS preflights without the key");
        List<String> routes = new ArrayList<>();
        for (String function : functions()) {
            apiEvents(function).forEach((name, event) -> {
                Map<String, Object> properties = map(event.get("Properties"));
                routes.add(properties.get("Method") + " " + properties.get("Path"));
                Object eventAuth = properties.get("Auth");
                assertTrue(eventAuth == null || !Boolean.FALSE.equals(map(eventAuth).get("ApiKeyRequired")),
                        function + "." + name + " opts out of the API key");
            });
        }
        assertEquals(Set.of("POST /predict", "POST /uploads", "GET /results/{key+}", "GET /health", "GET /health/ready"),
                Set.copyOf(routes));

        // the key, its plan (quota and throttle) on the API's stage, and the link between them, all in api-key mode
        for (String id : List.of("ApiKey", "ApiUsagePlan", "ApiUsagePlanKey")) {
            assertEquals("RequireApiKey", TEMPLATE.resource(id).get("Condition"), id);
        }
        assertTrue(TEMPLATE.condition("RequireApiKey", DEFAULTS));
        Map<String, Object> plan = TEMPLATE.properties("ApiUsagePlan");
        assertEquals(Map.of("Ref", "PredictionApi"), map(list(plan.get("ApiStages")).get(0)).get("ApiId"));
        assertEquals(Map.of("Ref", "PredictionApi.Stage"), map(list(plan.get("ApiStages")).get(0)).get("Stage"));
        assertEquals("DAY", map(plan.get("Quota")).get("Period"));
        assertFinitePositive(map(plan.get("Quota")).get("Limit"));
        assertFinitePositive(map(plan.get("Throttle")).get("RateLimit"));
        assertFinitePositive(map(plan.get("Throttle")).get("BurstLimit"));
        assertEquals(Map.of("Ref", "ApiKey"), TEMPLATE.properties("ApiUsagePlanKey").get("KeyId"));
        assertEquals(Map.of("Ref", "ApiUsagePlan"), TEMPLATE.properties("ApiUsagePlanKey").get("UsagePlanId"));
        assertEquals("API_KEY", TEMPLATE.properties("ApiUsagePlanKey").get("KeyType"));
    }

    @Test
    void openModeIsAnExplicitChoiceThatDropsTheKey() {
        Map<String, Object> open = new HashMap<>(DEFAULTS);
        open.put("AuthMode", "open");
        assertTrue(list(map(TEMPLATE.section("Parameters").get("AuthMode")).get("AllowedValues")).contains("open"));
        assertEquals(false, map(TEMPLATE.resolve(TEMPLATE.properties("PredictionApi").get("Auth"), open)).get("ApiKeyRequired"));
        assertFalse(TEMPLATE.condition("RequireApiKey", open));
    }

    @Test
    void apiGatewaysOwnRefusalsUseTheApisErrorShape() throws Exception {
        Map<String, Object> responses = map(TEMPLATE.properties("PredictionApi").get("GatewayResponses"));
        assertTrue(responses.keySet().containsAll(Set.of("INVALID_API_KEY", "THROTTLED", "QUOTA_EXCEEDED")), responses.keySet().toString());
        ObjectMapper json = new ObjectMapper();
        for (var response : responses.entrySet()) {
            String body = (String) map(map(response.getValue()).get("ResponseTemplates")).get("application/json");
            var parsed = json.readTree(body);
            assertTrue(parsed.get("error").asText().matches("[a-z_]+"), response.getKey() + ": " + body);
            assertFalse(parsed.get("message").asText().isBlank(), response.getKey());
        }
        assertEquals("api_key_required", json.readTree((String) map(map(responses.get("INVALID_API_KEY"))
                .get("ResponseTemplates")).get("application/json")).get("error").asText());
    }

    @Test
    void everyFunctionHasReservedConcurrencyTracingAndAJsonLogGroupWithRetention() {
        Map<String, Object> globals = map(map(TEMPLATE.section("Globals")).get("Function"));
        assertEquals("Active", globals.get("Tracing"));
        assertEquals(true, map(map(TEMPLATE.section("Globals")).get("Api")).get("TracingEnabled"));
        assertTrue(functions().containsAll(List.of("TaggingFunction", "BatchTaggingFunction", "PredictionFunction")),
                functions().toString());
        for (String function : functions()) {
            Map<String, Object> properties = TEMPLATE.properties(function);
            assertFinitePositive(properties.get("ReservedConcurrentExecutions"));
            assertFalse("PassThrough".equals(properties.get("Tracing")), function);
            Map<String, Object> logging = map(properties.get("LoggingConfig"));
            assertEquals("JSON", logging.get("LogFormat"), function);
            String logGroup = (String) map(logging.get("LogGroup")).get("Ref");
            assertEquals("AWS::Logs::LogGroup", TEMPLATE.resource(logGroup).get("Type"), function);
            assertFinitePositive(TEMPLATE.properties(logGroup).get("RetentionInDays"));
        }
        assertEquals(functions().size(), TEMPLATE.resourcesOfType("AWS::Logs::LogGroup").size(), "one log group per function");
    }

    @Test
    void bothPrefixesExpireAndCannotOverlap() {
        List<Object> rules = list(map(TEMPLATE.properties("ClipBucket").get("LifecycleConfiguration")).get("Rules"));
        Map<Object, Object> expiryByPrefix = new HashMap<>();
        for (Object rule : rules) {
            Map<String, Object> r = map(rule);
            if (r.containsKey("ExpirationInDays")) {
                assertEquals("Enabled", r.get("Status"));
                assertFinitePositive(r.get("ExpirationInDays"));
                expiryByPrefix.put(r.get("Prefix"), r.get("ExpirationInDays"));
            }
        }
        assertTrue(expiryByPrefix.containsKey(Map.of("Ref", "UploadPrefix")), "uploads expire: " + rules);
        assertTrue(expiryByPrefix.containsKey(Map.of("Ref", "ResultPrefix")), "results expire: " + rules);

        // the Rules check: both prefixes are one segment ending in '/', so they overlap exactly when equal
        Pattern segment = Pattern.compile("\\^\\[a-z0-9\\]\\[a-z0-9-\\]\\*/\\$");
        for (String prefix : List.of("UploadPrefix", "ResultPrefix")) {
            assertTrue(segment.matcher((String) map(TEMPLATE.section("Parameters").get(prefix)).get("AllowedPattern")).matches(), prefix);
        }
        Map<String, Object> rule = map(TEMPLATE.section("Rules").get("PrefixesDoNotOverlap"));
        Object assertion = map(list(rule.get("Assertions")).get(0)).get("Assert");
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "UploadPrefix"), Map.of("Ref", "ResultPrefix"))))),
                assertion);
        Map<String, Object> same = new HashMap<>(DEFAULTS);
        same.put("ResultPrefix", same.get("UploadPrefix"));
        assertFalse(TEMPLATE.truth(assertion, same));
        assertTrue(TEMPLATE.truth(assertion, DEFAULTS));
        // nothing writes to a results/ spelled out instead of the parameter
        assertEquals(Map.of("Ref", "ResultPrefix"), map(map(map(TEMPLATE.section("Globals")).get("Function")).get("Environment"))
                .get("Variables") instanceof Map<?, ?> v ? v.get("SER_RESULT_PREFIX") : null);
        for (String function : functions()) {
            String policies = policies(function);
            assertFalse(policies.contains("results/"), function + " spells out results/ instead of ${ResultPrefix}");
            assertTrue(policies.contains("${ResultPrefix}*"), function);
        }
    }

    @Test
    void bothBucketsRefusePlainHttp() {
        for (String policy : TEMPLATE.resourcesOfType("AWS::S3::BucketPolicy")) {
            List<Object> statements = list(map(TEMPLATE.properties(policy).get("PolicyDocument")).get("Statement"));
            assertTrue(statements.stream().map(CloudFormationTemplate::map).anyMatch(s -> "Deny".equals(s.get("Effect"))
                            && "s3:*".equals(s.get("Action"))
                            && map(map(s.get("Condition")).get("Bool")).get("aws:SecureTransport").equals("false")),
                    policy + " has no HTTPS-only statement");
        }
        assertEquals(2, TEMPLATE.resourcesOfType("AWS::S3::BucketPolicy").size());
        assertEquals(2, TEMPLATE.resourcesOfType("AWS::S3::Bucket").size());
    }

    @Test
    void uploadCorsAllowsTheSignedHeaders() {
        Map<String, Object> rule = map(list(map(TEMPLATE.properties("ClipBucket").get("CorsConfiguration")).get("CorsRules")).get(0));
        assertEquals(List.of("PUT"), rule.get("AllowedMethods"));
        assertEquals(List.of("content-type", "if-none-match"), rule.get("AllowedHeaders"));
    }

    @Test
    void cloudFrontSendsSecurityHeadersOnEveryBehaviour() {
        Map<String, Object> distribution = map(TEMPLATE.properties("WebDistribution").get("DistributionConfig"));
        List<Object> behaviours = new ArrayList<>(list(distribution.get("CacheBehaviors")));
        behaviours.add(distribution.get("DefaultCacheBehavior"));
        for (Object behaviour : behaviours) {
            assertEquals(Map.of("Ref", "WebSecurityHeaders"), map(behaviour).get("ResponseHeadersPolicyId"), behaviour.toString());
        }
        Map<String, Object> headers = map(map(TEMPLATE.properties("WebSecurityHeaders").get("ResponseHeadersPolicyConfig"))
                .get("SecurityHeadersConfig"));
        String csp = (String) map(map(headers.get("ContentSecurityPolicy")).get("ContentSecurityPolicy")).get("Fn::Sub");
        assertEquals(List.of("'self'", "https://" + CLIP_BUCKET + ".s3.${AWS::Region}.${AWS::URLSuffix}"), directive(csp, "connect-src"),
                "the page talks to its own origin (where CloudFront routes the API) and the clip bucket, nothing else");
        assertEquals(List.of("'none'"), directive(csp, "frame-ancestors"));
        assertEquals(List.of("'none'"), directive(csp, "default-src"));
        assertTrue(((Number) map(headers.get("StrictTransportSecurity")).get("AccessControlMaxAgeSec")).longValue() >= 31536000);
        assertTrue(headers.containsKey("ContentTypeOptions"));
        assertEquals("DENY", map(headers.get("FrameOptions")).get("FrameOption"));
        assertNotNull(map(headers.get("ReferrerPolicy")).get("ReferrerPolicy"));

        Map<String, Object> custom = new HashMap<>(DEFAULTS);
        custom.put("CustomDomainName", "emotion.example.com");
        custom.put("CustomDomainCertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/x");
        Map<String, Object> certificate = map(TEMPLATE.resolve(distribution.get("ViewerCertificate"), custom));
        assertTrue(((String) certificate.get("MinimumProtocolVersion")).startsWith("TLSv1.2"), certificate.toString());
        assertEquals(true, map(TEMPLATE.resolve(distribution.get("ViewerCertificate"), DEFAULTS)).get("CloudFrontDefaultCertificate"));
    }

    @Test
    void alarmsWatchTheFailureQueueErrorsThrottlesAndApi5xxAndCanMailSomeone() {
        List<String> watched = new ArrayList<>();
        for (String alarm : TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> p = TEMPLATE.properties(alarm);
            Object subject = map(list(p.get("Dimensions")).get(0)).get("Value");
            watched.add(p.get("MetricName") + " " + subject);
            assertEquals(Map.of("Fn::If", List.of("NotifyByEmail", List.of(Map.of("Ref", "AlarmTopic")), Map.of("Ref", "AWS::NoValue"))),
                    p.get("AlarmActions"), alarm);
        }
        assertTrue(watched.containsAll(List.of(
                "ApproximateNumberOfMessagesVisible {Fn::GetAtt=[TaggingFailures, QueueName]}",
                "Errors {Ref=TaggingFunction}", "Throttles {Ref=TaggingFunction}",
                "Errors {Ref=PredictionFunction}", "Throttles {Ref=PredictionFunction}",
                "5XXError {Fn::Sub=${AWS::StackName}-api}")), watched.toString());
        assertEquals(Map.of("Fn::Sub", "${AWS::StackName}-api"), TEMPLATE.properties("PredictionApi").get("Name"),
                "the 5xx alarm names the API by this name");
        assertEquals("NotifyByEmail", TEMPLATE.resource("AlarmTopic").get("Condition"));
        assertEquals("", DEFAULTS.get("AlarmEmail"), "optional");
    }

    // ---- helpers

    /** A function's inline policies, with the managed ones it refers to (the tagging functions share one) spelled out. */
    static String policies(String function) {
        List<Object> policies = new ArrayList<>();
        for (Object policy : list(TEMPLATE.properties(function).get("Policies"))) {
            Object ref = policy instanceof Map<?, ?> m ? m.get("Ref") : null;
            policies.add(ref != null && "AWS::IAM::ManagedPolicy".equals(TEMPLATE.resource((String) ref).get("Type"))
                    ? TEMPLATE.properties((String) ref).get("PolicyDocument") : policy);
        }
        return policies.toString();
    }

    static List<String> functions() {
        return TEMPLATE.resourcesOfType("AWS::Serverless::Function");
    }

    static Map<String, Map<String, Object>> apiEvents(String function) {
        Map<String, Map<String, Object>> events = new HashMap<>();
        map(TEMPLATE.properties(function).getOrDefault("Events", Map.of())).forEach((name, event) -> {
            if ("Api".equals(map(event).get("Type"))) {
                events.put(name, map(event));
            }
        });
        return events;
    }

    /** A parameter's default, followed from a {@code Ref}: it must be a number, at least 1. */
    static void assertFinitePositive(Object value) {
        Object resolved = TEMPLATE.resolve(value, DEFAULTS);
        assertTrue(resolved instanceof Number n && n.longValue() >= 1, value + " resolves to " + resolved);
    }

    static List<String> directive(String csp, String name) {
        for (String directive : csp.split(";")) {
            List<String> words = List.of(directive.trim().split("\\s+"));
            if (words.get(0).equals(name)) {
                return words.subList(1, words.size());
            }
        }
        throw new AssertionError("no " + name + " in " + csp);
    }
}
