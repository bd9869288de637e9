package io.github.ser.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.adobe.testing.s3mock.junit5.S3MockExtension;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.S3TestServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, points 5 and 7, at the connection level, over real sockets to Netty as the local stack serves the API:
 * a client that hangs up mid-body or stops sending is not a server fault (no 500, no ERROR line, no thread held
 * for longer than the idle timeout). The over-long URL is the local stack's ({@code LocalUriTooLongTest}).
 */
class CallerConnectionsNettyTest {
    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3TestServer.extension();

    static EmbeddedServer server;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeAll
    static void start() {
        Map<String, Object> properties = new HashMap<>(S3TestServer.properties(S3_MOCK, RepoFiles.model().toString()));
        properties.put("micronaut.server.idle-timeout", "1s");   // the shipped setting is longer; the rule is the same
        server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void capture() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void release() {
        root.detachAppender(logs);
    }

    @Test
    void aClientHangingUpMidBodyIsNoServerFault() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: audio/wav\r\n"
                    + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1000]);
            out.flush();
            Thread.sleep(300);   // the controller is reading the body by now
        }
        assertQuiet(awaitRequestLine("POST", "/predict"));
    }

    @Test
    void aClientThatStopsSendingIsCutOffAfterTheIdleTimeout() throws Exception {
        try (Socket socket = connect()) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /uploads HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 40\r\n\r\n{\"size\": ").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // whatever the server says before it closes
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 10_000, "the connection was closed after " + millis + " ms");
        }
        assertQuiet(awaitRequestLine("POST", "/uploads"));
    }

    @Test
    void theShippedIdleTimeoutIsSeconds() {
        try (ApplicationContext shipped = ApplicationContext.run(S3TestServer.properties(S3_MOCK, RepoFiles.model().toString()))) {
            Duration idle = shipped.getBean(HttpServerConfiguration.class).getIdleTimeout();
            assertTrue(idle.compareTo(Duration.ofMinutes(1)) <= 0, "idle timeout " + idle);
        }
    }

    private static Socket connect() throws IOException {
        return new Socket("localhost", server.getPort());
    }

    /** The request's own log line (status), once the server has finished with it; null when it logged none. */
    private Integer awaitRequestLine(String method, String path) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (ILoggingEvent event : events()) {
                if (event.getLoggerName().equals(RequestTelemetry.class.getName())
                        && event.getFormattedMessage().startsWith(method + " " + path + " -> ")) {
                    return Integer.valueOf(event.getFormattedMessage().replaceAll(".* -> ", ""));
                }
            }
            Thread.sleep(100);
        }
        return null;
    }

    private void assertQuiet(Integer status) {
        assertTrue(status == null || status < 500, "logged as " + status);
        for (ILoggingEvent event : events()) {
            assertTrue(event.getLevel().toInt() < Level.ERROR_INT, "an ERROR line: " + event.getLoggerName() + " "
                    + event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getClassName()));
        }
    }

    private List<ILoggingEvent> events() {
        synchronized (logs) {
            return List.copyOf(logs.list);
        }
    }
}
