package io.github.ser.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The local S3 as S3 would answer a stranger: nothing unsigned, nothing signed with another key, no presigned PUT
 * beyond what {@code /uploads} granted, and nothing at all from another machine.
 */
@ExtendWith(SharedLocalStack.class)
class LocalS3AccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void unsignedRequestsAreRefusedAsS3RefusesThem(LocalStack stack) throws Exception {
        S3Client s3 = stack.context().getBean(S3Client.class);
        String key = "results/access/kept.json";
        s3.putObject(b -> b.bucket(stack.bucket()).key(key), RequestBody.fromString("{}"));
        String object = stack.s3Endpoint() + "/" + stack.bucket() + "/" + key;

        for (HttpRequest unsigned : List.of(
                HttpRequest.newBuilder(URI.create(object)).GET().build(),
                HttpRequest.newBuilder(URI.create(stack.s3Endpoint() + "/" + stack.bucket() + "?list-type=2")).GET().build(),
                HttpRequest.newBuilder(URI.create(object)).DELETE().build(),
                HttpRequest.newBuilder(URI.create(object)).PUT(HttpRequest.BodyPublishers.ofString("forged")).build())) {
            HttpResponse<String> response = HTTP.send(unsigned, HttpResponse.BodyHandlers.ofString());
            assertEquals(403, response.statusCode(), unsigned.method() + " " + unsigned.uri() + ": " + response.body());
            assertTrue(response.body().contains("<Code>AccessDenied</Code>"), response.body());
        }
        assertEquals("{}", s3.getObjectAsBytes(b -> b.bucket(stack.bucket()).key(key)).asUtf8String(),
                "neither deleted nor overwritten");
    }

    @Test
    void requestsSignedWithAnotherKeyAreRefused(LocalStack stack) {
        for (AwsBasicCredentials stranger : List.of(AwsBasicCredentials.create(S3MockServer.ACCESS_KEY, "guessed"),
                AwsBasicCredentials.create("AKIAOTHER", S3MockServer.SECRET_KEY))) {
            try (S3Client s3 = S3Client.builder().endpointOverride(stack.s3Endpoint()).forcePathStyle(true)
                    .region(Region.of(LocalStack.REGION)).credentialsProvider(StaticCredentialsProvider.create(stranger))
                    .build()) {
                S3Exception refused = assertThrows(S3Exception.class, () -> s3.listObjectsV2(b -> b.bucket(stack.bucket())));
                assertEquals(403, refused.statusCode());
                assertTrue(Set.of("SignatureDoesNotMatch", "InvalidAccessKeyId").contains(refused.awsErrorDetails().errorCode()),
                        refused.awsErrorDetails().errorCode());
            }
        }
    }

    @Test
    void aPresignedPutAcceptsOnlyWhatUploadsGranted(LocalStack stack) throws Exception {
        JsonNode upload = grant(stack, 1000);
        URI url = URI.create(upload.get("url").asText());
        byte[] clip = new byte[1000];
        clip[0] = 42;

        HttpResponse<String> larger = put(url, new byte[100_000], "audio/wav");
        HttpResponse<String> smaller = put(url, new byte[999], "audio/wav");
        HttpResponse<String> otherType = put(url, clip, "text/html");
        URI otherKey = URI.create(url.toString().replace(upload.get("key").asText(), "results/forged.json"));
        HttpResponse<String> elsewhere = put(otherKey, clip, "audio/wav");
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
        for (HttpResponse<String> refused : List.of(larger, smaller, otherType, elsewhere, read)) {
            assertEquals(403, refused.statusCode(), refused.uri() + ": " + refused.body());
            assertTrue(refused.body().contains("<Code>SignatureDoesNotMatch</Code>"), refused.body());
        }
        S3Client s3 = stack.context().getBean(S3Client.class);
        assertTrue(s3.listObjectsV2(b -> b.bucket(stack.bucket()).prefix("results/forged")).contents().isEmpty());

        HttpResponse<String> granted = put(url, clip, "audio/wav");
        assertEquals(200, granted.statusCode(), granted.body());
        assertArrayEquals(clip, s3.getObjectAsBytes(b -> b.bucket(stack.bucket()).key(upload.get("key").asText())).asByteArray());
    }

    @Test
    void anExpiredPresignedPutIsRefused(LocalStack stack) throws Exception {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(stack.s3Endpoint())
                .region(Region.of(LocalStack.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            URI url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofSeconds(1))
                    .putObjectRequest(o -> o.bucket(stack.bucket()).key("uploads/access/late.wav").contentType("audio/wav")))
                    .url().toURI();
            Thread.sleep(2100);
            HttpResponse<String> late = put(url, new byte[10], "audio/wav");
            assertEquals(403, late.statusCode(), late.body());
            assertTrue(late.body().contains("<Code>AccessDenied</Code>") && late.body().contains("expired"), late.body());
        }
    }

    @Test
    void theBrowsersPreflightStillPasses(LocalStack stack) throws Exception {
        URI url = URI.create(grant(stack, 10).get("url").asText());
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(url)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", stack.url().toString())
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type,if-none-match").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, preflight.statusCode(), preflight.body());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isPresent(), preflight.headers().toString());
    }

    /** The front on the stack's S3 port and every socket S3Mock listens on: loopback only, by default. */
    @Test
    void nothingOfTheLocalS3ListensBeyondLoopback(LocalStack stack) throws Exception {
        Optional<InetAddress> lan = nonLoopbackAddress();
        assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address to try from");
        int front = stack.s3Endpoint().getPort();
        assertTrue(connects(InetAddress.getLoopbackAddress(), front), "reachable on loopback");
        assertFalse(connects(lan.get(), front), "not reachable on " + lan.get().getHostAddress());

        Path procNet = Path.of("/proc/net/tcp");
        assumeTrue(Files.isReadable(procNet), "no /proc/net/tcp to list S3Mock's sockets");
        List<String> listening = listeningAddresses(stack.s3Pid());
        assertTrue(listening.size() >= 2, "S3Mock's HTTP and HTTPS connectors: " + listening);
        for (String address : listening) {
            assertTrue(address.startsWith("127.0.0.1:"), "S3Mock listens on " + address + " (all: " + listening + ")");
            int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
            assertFalse(connects(lan.get(), port), "S3Mock's port " + port + " reachable on " + lan.get().getHostAddress());
        }
    }

    private static JsonNode grant(LocalStack stack, long size) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/uploads"))
                .header("Content-Type", "application/json").header("x-api-key", SharedLocalStack.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"size\": " + size + ", \"contentType\": \"audio/wav\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> put(URI url, byte[] body, String contentType) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", contentType).header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(n -> {
                    try {
                        return n.isUp() && !n.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                }).flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (ConnectException | SocketTimeoutException refused) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The local addresses (ip:port) of the TCP sockets a process listens on, from Linux's /proc. */
    private static List<String> listeningAddresses(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) {   // 0A: LISTEN
                    listening.add(address(f[1]));
                }
            }
        }
        return listening;
    }

    /** /proc/net/tcp's "0100007F:1F90" (little-endian IPv4, hex port) or tcp6's 32-digit form, as "ip:port". */
    private static String address(String hex) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        if (parts[0].length() == 8) {
            long ip = Long.parseLong(parts[0], 16);
            return (ip & 0xff) + "." + (ip >> 8 & 0xff) + "." + (ip >> 16 & 0xff) + "." + (ip >> 24 & 0xff) + ":" + port;
        }
        return (parts[0].equals("0".repeat(32)) ? "::" : parts[0].equals("0000000000000000FFFF00000100007F")
                ? "127.0.0.1" : parts[0]) + ":" + port;
    }
}
