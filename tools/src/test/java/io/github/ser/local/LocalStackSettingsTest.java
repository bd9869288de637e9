package io.github.ser.local;

import io.github.ser.RepositoryLayout;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalStackSettingsTest {

    @Test
    void defaultsMatchTheReadme() throws Exception {
        LocalStackSettings settings = LocalStackSettings.parse(new String[0], Map.of());
        assertEquals(8080, settings.httpPort());
        assertEquals(9090, settings.s3Port());
        assertEquals("clips", settings.bucket());
        assertEquals(RepositoryLayout.web(), settings.webDir());
        assertTrue(settings.modelPath().endsWith("layers/emotion-model/model/emotion-model.zip"));
        assertTrue(settings.s3DataDir().isEmpty());
        assertEquals(Duration.ofSeconds(1), settings.watchInterval());
        assertEquals("127.0.0.1", settings.bind(), "loopback unless opened on purpose");
        assertEquals("0.0.0.0", LocalStackSettings.parse(new String[]{"--bind=0.0.0.0"}, Map.of()).bind());
    }

    @Test
    void flagsBeatTheEnvironment() throws Exception {
        LocalStackSettings settings = LocalStackSettings.parse(
                new String[]{"--http-port=8181", "--bucket=voice-clips"},
                Map.of("SER_HTTP_PORT", "9999", "SER_S3_PORT", "9191", "SER_S3_DATA_DIR", "/tmp/s3"));
        assertEquals(8181, settings.httpPort());
        assertEquals(9191, settings.s3Port());
        assertEquals("voice-clips", settings.bucket());
        assertEquals(Path.of("/tmp/s3"), settings.s3DataDir().orElseThrow());
    }

    @Test
    void badValuesAreUsageErrorsNamingTheFlag() {
        var port = assertThrows(LocalStackSettings.UsageException.class,
                () -> LocalStackSettings.parse(new String[]{"--http-port=80a"}, Map.of()));
        assertTrue(port.getMessage().contains("--http-port"), port.getMessage());
        var range = assertThrows(LocalStackSettings.UsageException.class,
                () -> LocalStackSettings.parse(new String[0], Map.of("SER_S3_PORT", "70000")));
        assertTrue(range.getMessage().contains("--s3-port"), range.getMessage());
        var bucket = assertThrows(LocalStackSettings.UsageException.class,
                () -> LocalStackSettings.parse(new String[]{"--bucket=Not_A_Bucket"}, Map.of()));
        assertTrue(bucket.getMessage().contains("--bucket"), bucket.getMessage());
        var unknown = assertThrows(LocalStackSettings.UsageException.class,
                () -> LocalStackSettings.parse(new String[]{"--colour=blue"}, Map.of()));
        assertTrue(unknown.getMessage().contains("--colour"), unknown.getMessage());
    }

    @Test
    void helpIsAUsageRequestWithoutAnError() {
        var help = assertThrows(LocalStackSettings.UsageException.class,
                () -> LocalStackSettings.parse(new String[]{"--help"}, Map.of()));
        assertNull(help.getMessage());
        String usage = LocalStackSettings.usage();
        for (String flag : new String[]{"--http-port", "--s3-port", "--bucket", "--web-dir", "--model", "--s3-data-dir"}) {
            assertTrue(usage.contains(flag), flag);
        }
    }

    @Test
    void missingFilesAreReportedBeforeAnythingStarts(@org.junit.jupiter.api.io.TempDir Path empty) throws Exception {
        LocalStackSettings settings = LocalStackSettings.parse(
                new String[]{"--web-dir=" + empty.resolve("nope"), "--model=" + empty.resolve("model.zip")}, Map.of());
        var error = assertThrows(LocalStackSettings.UsageException.class, settings::check);
        assertTrue(error.getMessage().contains("web directory not found"), error.getMessage());
    }
}
