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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules {@code template.yaml} must keep, checked on every build (cfn-lint is a Python tool and cannot be installed
 * on a fresh machine): authentication on by default (a shared key, or a user pool's sign-in), optional WAF rate
 * limits, no implicit stage, a regional API whose own refusals have the API's error shape, bounded uploads and
 * concurrency, logs (function, access) that expire, data that expires, traces, alarms that can be delivered, security
 * headers, TLS only, prefixes that cannot overlap.
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
        assertEquals(Set.of("POST /predict", "POST /uploads", "GET /results/{key+}", "PUT /results/{key+}", "GET /health",
                "GET /health/ready"), Set.copyOf(routes));

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
    void cognitoModeNeedsASignedInUsersTokenOnEveryRouteAndNoKey() {
        Map<String, Object> cognito = with("AuthMode", "cognito");
        Object authProperty = TEMPLATE.properties("PredictionApi").get("Auth");
        Map<String, Object> auth = map(TEMPLATE.resolve(authProperty, cognito));
        assertEquals("UserPoolAuthorizer", auth.get("DefaultAuthorizer"));
        assertEquals(Map.of("Fn::GetAtt", List.of("UserPool", "Arn")), map(map(auth.get("Authorizers")).get("UserPoolAuthorizer")).get("UserPoolArn"));
        assertEquals(false, auth.get("ApiKeyRequired"), "users have no key to send");
        assertEquals(false, auth.get("AddDefaultAuthorizerToCorsPreflight"), "browsers send CORS preflights without the token");
        for (String id : List.of("ApiKey", "ApiUsagePlan", "ApiUsagePlanKey")) {
            assertFalse(TEMPLATE.condition((String) TEMPLATE.resource(id).get("Condition"), cognito), id);
        }
        // the other modes have no default authorizer ("" is none to SAM), and no route opts out in cognito mode
        for (String mode : List.of("api-key", "open")) {
            assertEquals("", map(TEMPLATE.resolve(authProperty, with("AuthMode", mode))).get("DefaultAuthorizer"), mode);
        }
        for (String function : functions()) {
            apiEvents(function).forEach((name, event) -> assertFalse(map(event.get("Properties")).containsKey("Auth"),
                    function + "." + name + " sets its own Auth"));
        }
        assertTrue(String.valueOf(map(TEMPLATE.properties("PredictionApi").get("Cors")).get("AllowHeaders")).contains("Authorization"));

        // sign-in: the hosted UI on the pool's domain, a public client (a page keeps no secret) using the code flow
        // (with PKCE, which public clients must use), back to the site only
        for (String id : List.of("UserPoolDomain", "WebSignInClient")) {
            assertEquals("UseCognito", TEMPLATE.resource(id).get("Condition"), id);
        }
        assertTrue(TEMPLATE.condition("UseCognito", cognito));
        assertFalse(TEMPLATE.condition("UseCognito", DEFAULTS));
        Map<String, Object> client = TEMPLATE.properties("WebSignInClient");
        assertEquals(false, client.get("GenerateSecret"));
        assertEquals(List.of("code"), client.get("AllowedOAuthFlows"));
        assertFalse(list(client.get("ExplicitAuthFlows")).contains("ALLOW_ADMIN_USER_PASSWORD_AUTH"));
        assertEquals(List.of(Map.of("Fn::Sub", "https://${WebDistribution.DomainName}/")), TEMPLATE.resolve(client.get("CallbackURLs"), cognito));
        Map<String, Object> custom = with("AuthMode", "cognito");
        custom.put("CustomDomainName", "emotion.example.com");
        assertEquals(List.of(Map.of("Fn::Sub", "https://${CustomDomainName}/")), TEMPLATE.resolve(client.get("CallbackURLs"), custom));
        assertEquals("false", DEFAULTS.get("CognitoSelfSignUp"), "only administrators create users unless the deployer says otherwise");
        assertEquals(true, TEMPLATE.resolve(map(TEMPLATE.properties("UserPool").get("AdminCreateUserConfig")).get("AllowAdminCreateUserOnly"), cognito));

        // the page exchanges the code for tokens at the pool's domain: its CSP allows that origin in cognito mode only
        String domain = "https://" + map(TEMPLATE.properties("UserPoolDomain").get("Domain")).get("Fn::Sub")
                + ".auth.${AWS::Region}.amazoncognito.com";
        assertEquals(List.of("'self'", "https://" + CLIP_BUCKET + ".s3.${AWS::Region}.${AWS::URLSuffix}", domain),
                directive(contentSecurityPolicy(cognito), "connect-src"));
        assertFalse(contentSecurityPolicy(DEFAULTS).contains("amazoncognito"));
    }

    @Test
    void wafIsOptionalAndLimitsRequestsPerAddressOnTheApiAndOnCloudFront() {
        assertEquals("false", DEFAULTS.get("RateLimitWithWaf"), "WAF has a monthly fixed cost: off unless asked for");
        for (String id : List.of("ApiWebAcl", "ApiWebAclAssociation")) {
            assertEquals("UseWaf", TEMPLATE.resource(id).get("Condition"), id);
        }
        assertEquals("UseCloudFrontWaf", TEMPLATE.resource("SiteWebAcl").get("Condition"));
        Map<String, Object> on = with("RateLimitWithWaf", "true");
        on.put("AWS::Region", "us-east-1");
        assertTrue(TEMPLATE.condition("UseWaf", on));
        assertTrue(TEMPLATE.condition("UseCloudFrontWaf", on));
        on.put("AWS::Region", "eu-west-1");
        assertTrue(TEMPLATE.condition("UseWaf", on));
        assertFalse(TEMPLATE.condition("UseCloudFrontWaf", on), "a CloudFront web ACL can only be created in us-east-1");
        assertFalse(TEMPLATE.condition("UseWaf", DEFAULTS));

        for (String acl : List.of("ApiWebAcl", "SiteWebAcl")) {
            Map<String, Object> rule = map(list(TEMPLATE.properties(acl).get("Rules")).get(0));
            assertTrue(map(rule.get("Action")).containsKey("Block"), acl);
            Map<String, Object> rate = map(map(rule.get("Statement")).get("RateBasedStatement"));
            assertEquals("IP", rate.get("AggregateKeyType"), acl);
            assertEquals(Map.of("Ref", "WafRequestsPer5Minutes"), rate.get("Limit"), acl);
            assertEquals(300, rate.get("EvaluationWindowSec"), acl);
        }
        assertEquals("REGIONAL", TEMPLATE.properties("ApiWebAcl").get("Scope"));
        assertEquals("CLOUDFRONT", TEMPLATE.properties("SiteWebAcl").get("Scope"));
        assertTrue(((Number) DEFAULTS.get("WafRequestsPer5Minutes")).intValue() >= 10);
        assertEquals(Map.of("Fn::Sub", "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${PredictionApi}/stages/${PredictionApi.Stage}"),
                TEMPLATE.properties("ApiWebAclAssociation").get("ResourceArn"));

        // every request through CloudFront comes from a CloudFront address: the API's per-address rule skips those that
        // carry the header CloudFront adds (CloudFront's own ACL counted them by the visitor's address)
        Map<String, Object> api = origin("api");
        Map<String, Object> marker = map(list(TEMPLATE.resolve(api.get("OriginCustomHeaders"), on)).get(0));
        Map<String, Object> skipped = map(map(map(map(map(map(list(TEMPLATE.properties("ApiWebAcl").get("Rules")).get(0))
                .get("Statement")).get("RateBasedStatement")).get("ScopeDownStatement")).get("NotStatement")).get("Statement"));
        Map<String, Object> match = map(skipped.get("ByteMatchStatement"));
        assertEquals(marker.get("HeaderName"), map(map(match.get("FieldToMatch")).get("SingleHeader")).get("Name"));
        assertEquals(marker.get("HeaderValue"), match.get("SearchString"));
        assertEquals("EXACTLY", match.get("PositionalConstraint"));
        assertFalse(TEMPLATE.resolve(api, DEFAULTS).toString().contains("x-ser-origin"), "no marker without WAF");

        Object webAcl = distribution().get("WebACLId");
        on.put("AWS::Region", "us-east-1");
        assertEquals(Map.of("Fn::GetAtt", List.of("SiteWebAcl", "Arn")), map(TEMPLATE.resolve(Map.of("v", webAcl), on)).get("v"));
        assertFalse(map(TEMPLATE.resolve(Map.of("v", webAcl), DEFAULTS)).containsKey("v"), "no ACL on CloudFront without WAF");
    }

    @Test
    void theUploadSizeIsAVoiceSizedParameterAndTheBucketsSizeIsWatched() {
        long defaultBytes = ((Number) DEFAULTS.get("MaxUploadBytes")).longValue();
        // the page's longest recording and a 10-minute 16 kHz mono 16-bit WAV fit; a 200 MB one does not
        assertTrue(defaultBytes >= 600L * 16_000 * 2 + 44 && defaultBytes <= 32L * 1024 * 1024, "default " + defaultBytes);
        Map<String, Object> parameter = map(TEMPLATE.section("Parameters").get("MaxUploadBytes"));
        assertEquals(new SerConfiguration().getMaxUploadBytes(), ((Number) parameter.get("MaxValue")).longValue(),
                "at most the decoder's own bound");
        assertEquals(Map.of("Ref", "MaxUploadBytes"),
                map(map(map(map(TEMPLATE.section("Globals")).get("Function")).get("Environment")).get("Variables")).get("SER_MAX_UPLOAD_BYTES"),
                "the presigner and both tagging functions read the same bound");

        // where no daily quota bounds them (cognito and open modes), presigned uploads are throttled on their own
        Map<String, Object> uploads = list(TEMPLATE.properties("PredictionApi").get("MethodSettings")).stream()
                .map(CloudFormationTemplate::map).filter(m -> "/~1uploads".equals(m.get("ResourcePath"))).findFirst().orElseThrow();
        assertEquals("POST", uploads.get("HttpMethod"));
        assertEquals(Map.of("Ref", "UploadsPerSecond"), uploads.get("ThrottlingRateLimit"));
        assertTrue(((Number) DEFAULTS.get("UploadsPerSecond")).doubleValue() < ((Number) DEFAULTS.get("ThrottlingRateLimit")).doubleValue());

        Map<String, Object> alarm = TEMPLATE.properties("ClipStorageAlarm");
        assertEquals("BucketSizeBytes", alarm.get("MetricName"));
        assertEquals(List.of(Map.of("Name", "BucketName", "Value", Map.of("Ref", "ClipBucket")),
                Map.of("Name", "StorageType", "Value", "StandardStorage")), alarm.get("Dimensions"));
        assertEquals(86400, alarm.get("Period"), "S3 reports the size daily");
        assertEquals(Map.of("Fn::Join", List.of("", List.of(Map.of("Ref", "ClipStorageAlarmGB"), "000000000"))), alarm.get("Threshold"));
        assertTrue(((String) DEFAULTS.get("ClipStorageAlarmGB")).matches("[1-9][0-9]*"));
        assertTrue(((String) map(TEMPLATE.section("Parameters").get("ClipStorageAlarmGB")).get("AllowedPattern")).startsWith("^[1-9][0-9]"),
                "whole gigabytes only, or appending zeros would not multiply");
    }

    @Test
    void theAlarmTopicIsOneCloudWatchCanPublishTo() {
        Object key = TEMPLATE.properties("AlarmTopic").get("KmsMasterKeyId");
        // CloudWatch cannot use the AWS-managed alias/aws/sns key; a key of ours would have to grant it
        assertFalse(String.valueOf(key).contains("alias/aws/sns"), String.valueOf(key));
        if (key != null) {
            String keyId = key instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> l ? (String) l.get(0)
                    : (String) map(key).get("Ref");
            assertTrue(TEMPLATE.properties(keyId).get("KeyPolicy").toString().contains("cloudwatch.amazonaws.com"));
        }
    }

    @Test
    void theApiTheSiteAndTheClipBucketKeepAccessLogsThatExpire() {
        Map<String, Object> accessLog = map(TEMPLATE.properties("PredictionApi").get("AccessLogSetting"));
        assertEquals(Map.of("Fn::GetAtt", List.of("ApiAccessLogGroup", "Arn")), accessLog.get("DestinationArn"));
        assertFinitePositive(TEMPLATE.properties("ApiAccessLogGroup").get("RetentionInDays"));
        String format = (String) accessLog.get("Format");
        assertTrue(format.contains("$context.requestId") && format.contains("$context.identity.sourceIp")
                && format.contains("$context.status"), format);
        assertFalse(format.replace("$context.identity.apiKeyId", "").contains("$context.identity.apiKey"), "never the key itself");
        assertEquals("ApiGatewayAccount", TEMPLATE.resource("PredictionApi").get("DependsOn"),
                "a stage can log only once the account has API Gateway's logging role");
        assertEquals("Retain", TEMPLATE.resource("ApiGatewayLoggingRole").get("DeletionPolicy"),
                "the account setting outlives the stack; so must its role");

        Map<String, Object> logs = map(distribution().get("Logging"));
        assertEquals(Map.of("Fn::GetAtt", List.of("AccessLogBucket", "DomainName")), logs.get("Bucket"));
        assertEquals(Map.of("Ref", "AccessLogBucket"), map(TEMPLATE.properties("ClipBucket").get("LoggingConfiguration")).get("DestinationBucketName"));
        List<Object> rules = list(map(TEMPLATE.properties("AccessLogBucket").get("LifecycleConfiguration")).get("Rules"));
        assertEquals(Map.of("Ref", "LogRetentionDays"), map(rules.get(0)).get("ExpirationInDays"));
        assertFalse(map(rules.get(0)).containsKey("Prefix"), "every log expires");
        assertEquals("BucketOwnerPreferred", map(list(map(TEMPLATE.properties("AccessLogBucket").get("OwnershipControls"))
                .get("Rules")).get(0)).get("ObjectOwnership"), "CloudFront delivers its logs with an ACL grant");
        String policy = TEMPLATE.properties("AccessLogBucketPolicy").toString();
        assertTrue(policy.contains("logging.s3.amazonaws.com") && policy.contains("aws:SourceAccount"), policy);
    }

    @Test
    void theApiIsRegionalAndCloudFrontRoutesEveryRouteWithOnlyTheMethodsItNeeds() {
        assertEquals(Map.of("Type", "REGIONAL"), TEMPLATE.properties("PredictionApi").get("EndpointConfiguration"));
        assertEquals("/Prod", origin("api").get("OriginPath"));
        Map<String, Map<String, Object>> behaviours = new HashMap<>();
        for (Object behaviour : list(distribution().get("CacheBehaviors"))) {
            behaviours.put((String) map(behaviour).get("PathPattern"), map(behaviour));
        }
        Map<String, Set<Object>> methodsByPath = new HashMap<>();
        for (String function : functions()) {
            apiEvents(function).forEach((name, event) -> {
                Map<String, Object> properties = map(event.get("Properties"));
                String path = ((String) properties.get("Path")).replace("{key+}", "*");
                methodsByPath.computeIfAbsent(path, p -> new java.util.HashSet<>()).add(properties.get("Method"));
            });
        }
        methodsByPath.forEach((path, methods) -> {
            Map<String, Object> behaviour = behaviours.get(path);
            assertNotNull(behaviour, "CloudFront does not route " + path);
            assertEquals("api", behaviour.get("TargetOriginId"), path);
            assertEquals("https-only", behaviour.get("ViewerProtocolPolicy"), path);
            // CloudFront offers GET+HEAD(+OPTIONS) or all seven methods: paths with a POST or PUT route take all seven,
            // GET-only paths no writes
            assertEquals(Set.of("GET").equals(methods) ? List.of("GET", "HEAD", "OPTIONS")
                    : List.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"), behaviour.get("AllowedMethods"), path);
        });
        assertEquals(Set.of("GET", "PUT"), methodsByPath.get("/results/*"), "corrections are PUT under /results/");
        assertTrue(behaviours.containsKey("/health/ready"));
        assertNull(map(distribution().get("DefaultCacheBehavior")).get("AllowedMethods"), "the page's files are GET and HEAD only");
    }

    @Test
    void apiGatewaysOwnAnswersUseTheApisErrorShapeWithCors() throws Exception {
        Map<String, Object> responses = map(TEMPLATE.properties("PredictionApi").get("GatewayResponses"));
        assertTrue(responses.keySet().containsAll(Set.of("INVALID_API_KEY", "UNAUTHORIZED", "THROTTLED", "QUOTA_EXCEEDED",
                "MISSING_AUTHENTICATION_TOKEN", "INTEGRATION_TIMEOUT", "DEFAULT_4XX", "DEFAULT_5XX")), responses.keySet().toString());
        ObjectMapper json = new ObjectMapper();
        for (var response : responses.entrySet()) {
            Map<String, Object> r = map(response.getValue());
            // API Gateway writes the refusal's own message, JSON-quoted, where the template says so
            String body = ((String) map(r.get("ResponseTemplates")).get("application/json"))
                    .replace("$context.error.messageString", "\"Invalid request body\"");
            var parsed = json.readTree(body);
            assertTrue(parsed.get("error").asText().matches("[a-z_]+"), response.getKey() + ": " + body);
            assertFalse(parsed.get("message").asText().isBlank(), response.getKey());
            Map<String, Object> headers = map(map(r.get("ResponseParameters")).get("Headers"));
            assertEquals(Map.of("Fn::Sub", "'${AllowedOrigin}'"), headers.get("Access-Control-Allow-Origin"),
                    response.getKey() + " must be readable by the page on the extra origin");
            if (headers.containsKey("Retry-After")) {
                assertEquals("'Retry-After'", headers.get("Access-Control-Expose-Headers"),
                        response.getKey() + ": the page on the extra origin must be able to read Retry-After");
            }
        }
        assertNotNull(map(map(map(responses.get("THROTTLED")).get("ResponseParameters")).get("Headers"))
                .get("Retry-After"), "throttled callers learn when to come back");
        assertEquals("api_key_required", errorOf(responses, "INVALID_API_KEY"));
        assertEquals("sign_in_required", errorOf(responses, "UNAUTHORIZED"));
        assertEquals("401", map(responses.get("UNAUTHORIZED")).get("StatusCode"));
        assertEquals("504", map(responses.get("INTEGRATION_TIMEOUT")).get("StatusCode"));
        assertEquals("internal_error", errorOf(responses, "DEFAULT_5XX"), "our trouble, as the function names its own");
        // the defaults keep the status of the refusal they stand for
        assertFalse(map(responses.get("DEFAULT_4XX")).containsKey("StatusCode"));
        assertFalse(map(responses.get("DEFAULT_5XX")).containsKey("StatusCode"));
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
        assertEquals(functions().size() + 1, TEMPLATE.resourcesOfType("AWS::Logs::LogGroup").size(),
                "one log group per function, and the API's access log");
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
    void learningFromTrafficIsOptInExpiresAndReachesOnlyTheStatsPrefix() {
        Map<String, Object> on = new HashMap<>(DEFAULTS);
        on.put("LearnFromTraffic", "true");
        Map<String, Object> globals = map(TEMPLATE.resolve(map(map(TEMPLATE.section("Globals")).get("Function"))
                .get("Environment"), DEFAULTS));
        Map<String, Object> globalsOn = map(TEMPLATE.resolve(map(map(TEMPLATE.section("Globals")).get("Function"))
                .get("Environment"), on));

        assertEquals("false", DEFAULTS.get("LearnFromTraffic"));
        assertFalse(map(globals.get("Variables")).containsKey("SER_DEPLOYMENT_STATISTICS_PREFIX"), "off by default");
        assertEquals("stats/", map(globalsOn.get("Variables")).get("SER_DEPLOYMENT_STATISTICS_PREFIX"));
        assertEquals("LearnsFromTraffic", TEMPLATE.resource("DeploymentStatisticsPolicy").get("Condition"));
        String policy = TEMPLATE.properties("DeploymentStatisticsPolicy").get("PolicyDocument").toString();
        assertTrue(policy.contains("[s3:GetObject, s3:PutObject]") && policy.contains(CLIP_BUCKET + "/stats/*")
                && policy.contains("s3:prefix=stats/*"), policy);
        List<String> analysing = functions().stream().filter(f -> TEMPLATE.properties(f).get("CodeUri").toString()
                .matches("functions/(tagging|batch|prediction)")).toList();
        assertEquals(3, analysing.size(), analysing.toString());
        for (String function : analysing) {
            assertTrue(list(TEMPLATE.resolve(TEMPLATE.properties(function).get("Policies"), on))
                    .contains(Map.of("Ref", "DeploymentStatisticsPolicy")), function);
            assertFalse(list(TEMPLATE.resolve(TEMPLATE.properties(function).get("Policies"), DEFAULTS))
                    .contains(Map.of("Ref", "DeploymentStatisticsPolicy")), function);
        }
        List<Object> rules = list(map(TEMPLATE.properties("ClipBucket").get("LifecycleConfiguration")).get("Rules"));
        assertTrue(rules.stream().map(CloudFormationTemplate::map).anyMatch(r -> "stats/".equals(r.get("Prefix"))
                && r.get("ExpirationInDays") instanceof Number), "the moments of idle instances expire: " + rules);
        Object assertion = map(list(map(TEMPLATE.section("Rules").get("PrefixesDoNotOverlap")).get("Assertions"))
                .get(1)).get("Assert");
        Map<String, Object> clash = new HashMap<>(DEFAULTS);
        clash.put("UploadPrefix", "stats/");
        assertFalse(TEMPLATE.truth(assertion, clash));
        assertTrue(TEMPLATE.truth(assertion, DEFAULTS));
    }

    @Test
    void labelledClipsExpireLikeUploadsAndOnlyTheApiWritesThemWithNoMoreThanItNeeds() {
        List<Object> rules = list(map(TEMPLATE.properties("ClipBucket").get("LifecycleConfiguration")).get("Rules"));
        assertTrue(rules.stream().map(CloudFormationTemplate::map).anyMatch(r -> "labelled/".equals(r.get("Prefix"))
                && "Enabled".equals(r.get("Status")) && Map.of("Ref", "UploadRetentionDays").equals(r.get("ExpirationInDays"))),
                "labelled/ expires after UploadRetentionDays: " + rules);

        // neither parameterised prefix may be labelled/ (uploads there would be tagged, results would mix with clips)
        Object assertion = map(list(map(TEMPLATE.section("Rules").get("PrefixesDoNotOverlap")).get("Assertions")).get(2)).get("Assert");
        assertTrue(TEMPLATE.truth(assertion, DEFAULTS));
        for (String prefix : List.of("UploadPrefix", "ResultPrefix")) {
            assertFalse(TEMPLATE.truth(assertion, with(prefix, "labelled/")), prefix);
        }

        List<Map<String, Object>> labelled = new ArrayList<>();
        for (String function : functions()) {
            for (Object policy : list(TEMPLATE.properties(function).get("Policies"))) {
                for (Object statement : list(map(policy).getOrDefault("Statement", List.of()))) {
                    if (map(statement).toString().contains("labelled/")) {
                        assertEquals("PredictionFunction", function, "only the API writes labelled copies");
                        labelled.add(map(statement));
                    }
                }
            }
        }
        assertEquals(1, labelled.size(), labelled.toString());
        assertEquals(List.of("s3:PutObject", "s3:DeleteObject"), labelled.get(0).get("Action"));
        assertEquals(Map.of("Fn::Sub", "arn:${AWS::Partition}:s3:::" + CLIP_BUCKET + "/labelled/*"), labelled.get(0).get("Resource"));
        assertTrue(String.valueOf(map(TEMPLATE.properties("PredictionApi").get("Cors")).get("AllowMethods")).contains("PUT"),
                "a page on the extra origin may send corrections");
    }

    @Test
    void everyBucketRefusesPlainHttp() {
        for (String policy : TEMPLATE.resourcesOfType("AWS::S3::BucketPolicy")) {
            List<Object> statements = list(map(TEMPLATE.properties(policy).get("PolicyDocument")).get("Statement"));
            assertTrue(statements.stream().map(CloudFormationTemplate::map).anyMatch(s -> "Deny".equals(s.get("Effect"))
                            && "s3:*".equals(s.get("Action"))
                            && map(map(s.get("Condition")).get("Bool")).get("aws:SecureTransport").equals("false")),
                    policy + " has no HTTPS-only statement");
        }
        List<Object> protectedBuckets = TEMPLATE.resourcesOfType("AWS::S3::BucketPolicy").stream()
                .map(policy -> TEMPLATE.properties(policy).get("Bucket")).toList();
        for (String bucket : TEMPLATE.resourcesOfType("AWS::S3::Bucket")) {
            assertTrue(protectedBuckets.contains(Map.of("Ref", bucket)), bucket + " has no policy");
        }
        assertEquals(3, TEMPLATE.resourcesOfType("AWS::S3::Bucket").size());
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
        String csp = contentSecurityPolicy(DEFAULTS);
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
                "5XXError {Fn::Sub=${AWS::StackName}-api}", "BucketSizeBytes {Ref=ClipBucket}")), watched.toString());
        assertEquals(Map.of("Fn::Sub", "${AWS::StackName}-api"), TEMPLATE.properties("PredictionApi").get("Name"),
                "the 5xx alarm names the API by this name");
        assertEquals("NotifyByEmail", TEMPLATE.resource("AlarmTopic").get("Condition"));
        assertEquals("", DEFAULTS.get("AlarmEmail"), "optional");
    }

    // ---- helpers

    /** The page's Content-Security-Policy for these parameters, with the variables of its Fn::Sub filled in. */
    static String contentSecurityPolicy(Map<String, Object> parameters) {
        Object sub = map(map(map(map(map(TEMPLATE.properties("WebSecurityHeaders").get("ResponseHeadersPolicyConfig"))
                .get("SecurityHeadersConfig")).get("ContentSecurityPolicy")).get("ContentSecurityPolicy"))).get("Fn::Sub");
        String csp = (String) list(sub).get(0);
        for (var variable : map(list(sub).get(1)).entrySet()) {
            Object value = TEMPLATE.resolve(variable.getValue(), parameters);
            String text = value instanceof Map<?, ?> m ? (String) m.get("Fn::Sub") : (String) value;
            csp = csp.replace("${" + variable.getKey() + "}", text);
        }
        return csp;
    }

    static String errorOf(Map<String, Object> responses, String type) throws Exception {
        return new ObjectMapper().readTree((String) map(map(responses.get(type)).get("ResponseTemplates")).get("application/json"))
                .get("error").asText();
    }

    static Map<String, Object> distribution() {
        return map(TEMPLATE.properties("WebDistribution").get("DistributionConfig"));
    }

    static Map<String, Object> origin(String id) {
        return list(distribution().get("Origins")).stream().map(CloudFormationTemplate::map)
                .filter(o -> id.equals(o.get("Id"))).findFirst().orElseThrow();
    }

    static Map<String, Object> with(String parameter, Object value) {
        Map<String, Object> parameters = new HashMap<>(DEFAULTS);
        parameters.put(parameter, value);
        return parameters;
    }

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
