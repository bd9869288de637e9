package io.github.ser.local;

import io.github.ser.function.testing.CloudFormationTemplate;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.ser.function.testing.CloudFormationTemplate.list;
import static io.github.ser.function.testing.CloudFormationTemplate.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the local stack emulates (API Gateway's key check, CloudFront's headers) says what template.yaml deploys. */
class LocalStackMatchesTemplateTest {
    static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.load();

    @Test
    void theKeyRefusalIsTheTemplatesGatewayResponse() {
        Map<String, Object> invalidKey = map(map(TEMPLATE.properties("PredictionApi").get("GatewayResponses")).get("INVALID_API_KEY"));
        assertEquals(LocalApiGateway.REFUSAL, map(invalidKey.get("ResponseTemplates")).get("application/json"));
        assertEquals("403", invalidKey.get("StatusCode"));
    }

    @Test
    void theContentSecurityPolicyIsTheTemplatesWithTheBucketsOrigin() {
        Object csp = map(map(map(map(TEMPLATE.properties("WebSecurityHeaders").get("ResponseHeadersPolicyConfig"))
                .get("SecurityHeadersConfig")).get("ContentSecurityPolicy")).get("ContentSecurityPolicy"));
        // ${SignIn} is the user pool's sign-in origin in cognito mode and empty otherwise (TemplateTest)
        String bucket = "https://${AWS::StackName}-clips-${AWS::AccountId}-${AWS::Region}.s3.${AWS::Region}.${AWS::URLSuffix}${SignIn}";
        assertEquals(LocalSecurityHeaders.contentSecurityPolicy(bucket, ""), list(map(csp).get("Fn::Sub")).get(0));
    }
}
