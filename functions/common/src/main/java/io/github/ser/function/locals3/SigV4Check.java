package io.github.ser.function.locals3;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3's check of a request's AWS Signature Version 4, for one access key and its secret: either a presigned URL
 * ({@code X-Amz-Signature} in the query: not expired, and the method, path, query and the headers named in
 * {@code X-Amz-SignedHeaders}, content-type and content-length included, exactly as signed) or an
 * {@code Authorization: AWS4-HMAC-SHA256} header (date within 15 minutes; the payload hash it signs is checked by the
 * caller against the body, see {@link #signedPayloadHash}). Everything else is refused as S3 refuses it. The canonical
 * request is built from what the client actually sent, so a PUT with more bytes, another type or to another key than
 * the URL was signed for does not match.
 */
public final class SigV4Check {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** S3's limits: a presigned URL lives at most 7 days; a signed request's clock may be 15 minutes off. */
    private static final Duration MAX_PRESIGN = Duration.ofDays(7);
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^,\\s]+),\\s*SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]{64})");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final String accessKey;
    private final String secretKey;

    public SigV4Check(String accessKey, String secretKey) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Why S3 would refuse a request: its status and error code. */
    public record Refusal(int status, String code, String message) {
        /** S3's XML error document. */
        public String xml() {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                    + "</Message></Error>";
        }
    }

    /**
     * Null when the request is signed with this key and its signature holds; the refusal otherwise.
     *
     * @param headers a request header's values by name, case-insensitively (none: an empty list or null)
     */
    public Refusal check(String method, String rawPath, String rawQuery, Function<String, List<String>> headers, Instant now) {
        Map<String, String> query = query(rawQuery);
        String authorization = first(headers, "Authorization");
        try {
            if (query.containsKey("X-Amz-Signature")) {
                return checkPresigned(method, rawPath, query, headers, now);
            }
            if (authorization != null) {
                return checkHeader(method, rawPath, query, headers, authorization, now);
            }
        } catch (DateTimeParseException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return new Refusal(400, "AuthorizationQueryParametersError", "Malformed signature parameters");
        }
        return new Refusal(403, "AccessDenied", "Access Denied: requests must be signed (AWS Signature Version 4)");
    }

    /** The body's SHA-256 (hex) that a header-signed request commits to; null when it signs no body hash to compare. */
    public static String signedPayloadHash(Function<String, List<String>> headers) {
        String hash = first(headers, "x-amz-content-sha256");
        return first(headers, "Authorization") != null && hash != null && HEX_SHA256.matcher(hash).matches() ? hash : null;
    }

    private Refusal checkPresigned(String method, String rawPath, Map<String, String> query,
                                   Function<String, List<String>> headers, Instant now) {
        String signature = query.remove("X-Amz-Signature");
        for (String required : List.of("X-Amz-Date", "X-Amz-Expires", "X-Amz-Credential", "X-Amz-SignedHeaders")) {
            if (!query.containsKey(required)) {
                return new Refusal(400, "AuthorizationQueryParametersError", "Query-string authentication requires " + required);
            }
        }
        if (!ALGORITHM.equals(query.get("X-Amz-Algorithm"))) {
            return new Refusal(400, "AuthorizationQueryParametersError", "X-Amz-Algorithm must be " + ALGORITHM);
        }
        String date = query.get("X-Amz-Date");
        Instant signedAt = Instant.from(AMZ_DATE.parse(date));
        long expires = Long.parseLong(query.get("X-Amz-Expires"));
        if (expires < 1 || expires > MAX_PRESIGN.toSeconds()) {
            return new Refusal(400, "AuthorizationQueryParametersError", "X-Amz-Expires must be between 1 and 604800 seconds");
        }
        if (now.isAfter(signedAt.plusSeconds(expires))) {
            return new Refusal(403, "AccessDenied", "Request has expired");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            return new Refusal(403, "AccessDenied", "Request is not valid yet");
        }
        return verify(method, rawPath, query, headers, query.get("X-Amz-Credential"), query.get("X-Amz-SignedHeaders"),
                date, "UNSIGNED-PAYLOAD", signature);
    }

    private Refusal checkHeader(String method, String rawPath, Map<String, String> query,
                                Function<String, List<String>> headers, String authorization, Instant now) {
        Matcher auth = AUTHORIZATION.matcher(authorization.trim());
        String date = first(headers, "x-amz-date");
        String payload = first(headers, "x-amz-content-sha256");
        if (!auth.matches() || date == null || payload == null) {
            return new Refusal(400, "AuthorizationHeaderMalformed", "The authorization header is malformed");
        }
        Instant signedAt = Instant.from(AMZ_DATE.parse(date));
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            return new Refusal(403, "RequestTimeTooSkewed", "The difference between the request time and the server's time is too large");
        }
        return verify(method, rawPath, query, headers, auth.group(1), auth.group(2), date, payload, auth.group(3));
    }

    private Refusal verify(String method, String rawPath, Map<String, String> query, Function<String, List<String>> headers,
                           String credential, String signedHeaders, String date, String payload, String signature) {
        String[] parts = credential.split("/", 2);   // access key / date/region/service/aws4_request
        if (!parts[0].equals(accessKey)) {
            return new Refusal(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records");
        }
        String scope = parts[1];
        String[] scopeParts = scope.split("/");
        if (scopeParts.length != 4 || !date.startsWith(scopeParts[0]) || !scopeParts[3].equals("aws4_request")
                || !List.of(signedHeaders.split(";")).contains("host")) {
            return new Refusal(400, "AuthorizationQueryParametersError", "Malformed credential scope or signed headers");
        }
        StringBuilder canonical = new StringBuilder().append(method).append('\n').append(rawPath).append('\n');
        List<String> pairs = new ArrayList<>();
        query.forEach((name, value) -> pairs.add(encode(name) + "=" + encode(value)));
        canonical.append(String.join("&", pairs)).append('\n');
        for (String name : signedHeaders.split(";")) {
            List<String> values = headers.apply(name);
            String value = values == null ? "" : String.join(",", values.stream()
                    .map(v -> v.trim().replaceAll(" +", " ")).toList());
            canonical.append(name).append(':').append(value).append('\n');
        }
        canonical.append('\n').append(signedHeaders).append('\n').append(payload);
        String stringToSign = ALGORITHM + "\n" + date + "\n" + scope + "\n" + hex(sha256(canonical.toString()));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), scopeParts[0]);
        for (int i = 1; i < scopeParts.length; i++) {
            key = hmac(key, scopeParts[i]);
        }
        String expected = hex(hmac(key, stringToSign));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))
                ? null
                : new Refusal(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided");
    }

    private static String first(Function<String, List<String>> headers, String name) {
        List<String> values = headers.apply(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new TreeMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    /** SigV4's URI encoding: every byte but unreserved characters as %XX, upper-case hex. */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            }
        }
        return out.toString();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
