package io.github.ser.function.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import io.github.ser.function.SerConfiguration;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Captures what {@code io.github.ser} logs while a test runs and renders each event as the functions print it: with
 * the console encoder of the production {@code logback.xml} (tests themselves run with {@code logback-test.xml}).
 */
public final class JsonLogLines implements AutoCloseable {
    private final Logger ours = (Logger) LoggerFactory.getLogger("io.github.ser");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Encoder<ILoggingEvent> encoder;

    public JsonLogLines() {
        try {
            LoggerContext production = new LoggerContext();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(production);
            configurator.doConfigure(SerConfiguration.class.getResource("/logback.xml"));
            encoder = ((ConsoleAppender<ILoggingEvent>) production.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                    .getAppender("STDOUT")).getEncoder();
        } catch (Exception e) {
            throw new IllegalStateException("the production logback.xml does not load: " + e.getMessage(), e);
        }
        captured.start();
        ours.addAppender(captured);
    }

    /** Every event captured so far, as the text line the production configuration writes for it. */
    public List<String> lines() {
        List<ILoggingEvent> events;
        synchronized (captured) { // AppenderBase.doAppend holds this lock while other threads log
            events = List.copyOf(captured.list);
        }
        return events.stream().map(e -> new String(encoder.encode(e), StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void close() {
        ours.detachAppender(captured);
    }
}
