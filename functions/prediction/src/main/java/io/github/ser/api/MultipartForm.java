package io.github.ser.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds one field of a {@code multipart/form-data} body (RFC 7578). Written here rather than taken from the
 * server because the same controller runs behind API Gateway, where no multipart decoder exists, and under Netty.
 */
final class MultipartForm {
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?i)[;\\s]name=\"([^\"]*)\"");
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private MultipartForm() {
    }

    /** The boundary parameter of a multipart content type. */
    static Optional<String> boundary(String contentType) {
        Matcher m = BOUNDARY.matcher(contentType);
        return m.find() ? Optional.of(m.group(2) != null ? m.group(2) : m.group(3)) : Optional.empty();
    }

    /**
     * The content of the first part whose {@code Content-Disposition} names {@code field}.
     *
     * @throws ApiException 400 when the body is not valid multipart
     */
    static Optional<byte[]> field(byte[] body, String boundary, String field) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw ApiException.badRequest("The multipart body does not contain its boundary");
        }
        byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        while (true) {
            int lineEnd = at + delimiter.length;
            if (startsWith(body, lineEnd, new byte[]{'-', '-'})) {
                return Optional.empty();   // closing delimiter: no such field
            }
            int headersStart = indexOf(body, CRLF, lineEnd);
            int headersEnd = headersStart < 0 ? -1 : indexOf(body, HEADER_END, headersStart);
            if (headersEnd < 0) {
                throw ApiException.badRequest("A multipart part has no complete header block");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + HEADER_END.length;
            int contentEnd = indexOf(body, nextDelimiter, contentStart);
            if (contentEnd < 0) {
                throw ApiException.badRequest("The multipart body ends inside a part (no closing boundary)");
            }
            if (field.equals(name(headers))) {
                return Optional.of(Arrays.copyOfRange(body, contentStart, contentEnd));
            }
            at = contentEnd + CRLF.length;
        }
    }

    private static String name(String headers) {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                Matcher m = NAME.matcher(line);
                return m.find() ? m.group(1) : null;
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] data, int from, byte[] prefix) {
        return from + prefix.length <= data.length
                && Arrays.equals(data, from, from + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
