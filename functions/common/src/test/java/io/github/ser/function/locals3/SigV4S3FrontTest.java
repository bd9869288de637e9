package io.github.ser.function.locals3;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import io.github.ser.function.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;

import static io.github.ser.function.testing.S3TestServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The front's header-signed path with requests signed by the AWS SDK's own SigV4 signer (the presigned path is in
 * {@code ClipStoreTest}, the whole local S3 in the tools' {@code LocalS3AccessTest}): the body must be the one whose
 * SHA-256 was signed, and the signing time must be within S3's 15 minutes.
 */
class SigV4S3FrontTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3TestServer.extension();

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Set by the JDK client itself. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length");

    static SigV4S3Front front;

    @BeforeAll
    static void start() throws Exception {
        front = SigV4S3Front.start("127.0.0.1", 0, URI.create(S3_MOCK.getServiceEndpoint()), new SigV4Check("test", "test"));
    }

    @AfterAll
    static void stop() {
        front.close();
    }

    @Test
    void aSignedPutMustCarryTheBodyItsSignatureHashes() throws Exception {
        byte[] signedBody = {1, 2, 3, 4};
        SdkHttpRequest signed = sign(SdkHttpMethod.PUT, "uploads/front/hashed.bin", signedBody, Clock.systemUTC());

        HttpResponse<String> swapped = send(signed, new byte[]{4, 3, 2, 1});
        assertEquals(400, swapped.statusCode(), swapped.body());
        assertTrue(swapped.body().contains("<Code>XAmzContentSHA256Mismatch</Code>"), swapped.body());
        assertEquals(404, send(sign(SdkHttpMethod.HEAD, "uploads/front/hashed.bin", new byte[0], Clock.systemUTC()),
                new byte[0]).statusCode(), "nothing stored");

        HttpResponse<String> exact = send(signed, signedBody);
        assertEquals(200, exact.statusCode(), exact.body());
        HttpResponse<String> read = send(sign(SdkHttpMethod.GET, "uploads/front/hashed.bin", new byte[0], Clock.systemUTC()),
                new byte[0]);
        assertEquals(200, read.statusCode(), read.body());
        assertEquals(4, read.body().length());
    }

    @Test
    void aRequestSignedMoreThanFifteenMinutesAgoIsRefused() throws Exception {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofMinutes(20)), ZoneOffset.UTC);

        HttpResponse<String> stale = send(sign(SdkHttpMethod.GET, "uploads/front/any.bin", new byte[0], past), new byte[0]);

        assertEquals(403, stale.statusCode(), stale.body());
        assertTrue(stale.body().contains("<Code>RequestTimeTooSkewed</Code>"), stale.body());
    }

    /** As the SDK's S3 client signs: path as is, the payload's SHA-256 signed. */
    private static SdkHttpRequest sign(SdkHttpMethod method, String key, byte[] body, Clock clock) {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(method)
                .uri(URI.create("http://localhost:" + front.port() + "/" + BUCKET + "/" + key));
        if (body.length > 0) {
            request.putHeader("Content-Type", "application/octet-stream").putHeader("Content-Length", String.valueOf(body.length));
        }
        return AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create("test", "test"))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
    }

    private static HttpResponse<String> send(SdkHttpRequest signed, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri()).method(signed.method().name(),
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
