package io.github.ser.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipartFormTest {

    @Test
    void findsTheNamedFieldAmongOthersWithBinaryContentIntact() {
        byte[] clip = {0, '\r', '\n', '-', '-', 1, (byte) 0xff};
        byte[] body = Multipart.form("audio", "clip.wav", clip);

        assertArrayEquals(clip, MultipartForm.field(body, Multipart.BOUNDARY, "audio").orElseThrow());
        assertArrayEquals("recorded on a phone".getBytes(StandardCharsets.UTF_8),
                MultipartForm.field(body, Multipart.BOUNDARY, "note").orElseThrow());
        assertTrue(MultipartForm.field(body, Multipart.BOUNDARY, "file").isEmpty());
    }

    @Test
    void readsQuotedAndPlainBoundaries() {
        assertEquals("abc", MultipartForm.boundary("multipart/form-data; boundary=abc").orElseThrow());
        assertEquals("a b;c", MultipartForm.boundary("multipart/form-data; charset=utf-8; boundary=\"a b;c\"").orElseThrow());
        assertTrue(MultipartForm.boundary("multipart/form-data").isEmpty());
    }

    @Test
    void aTruncatedOrForeignBodyIsABadRequest() {
        byte[] body = Multipart.form("audio", "clip.wav", new byte[]{1, 2, 3});
        byte[] truncated = java.util.Arrays.copyOf(body, body.length - 20);

        ApiException cut = assertThrows(ApiException.class, () -> MultipartForm.field(truncated, Multipart.BOUNDARY, "audio"));
        ApiException foreign = assertThrows(ApiException.class,
                () -> MultipartForm.field("plain text".getBytes(), Multipart.BOUNDARY, "audio"));
        assertEquals("bad_request", cut.code());
        assertEquals(400, foreign.status().getCode());
    }
}
