package io.github.ser.local;

import io.github.ser.function.testing.RepoFiles;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * One real local stack (S3Mock process, Netty API with the web page, upload watcher) on free ports for every test
 * class that asks for a {@link LocalStack} parameter; stopped when the test run ends. Classes using it are skipped
 * (never faked) while there is no model.
 */
public final class SharedLocalStack implements BeforeAllCallback, ParameterResolver {
    /** The key the shared stack requires in x-api-key, as the deployed API does in the default AuthMode. */
    public static final String API_KEY = "local-test-key-3f9a";

    @Override
    public void beforeAll(ExtensionContext context) {
        assumeModel();    // here, not in resolveParameter, where JUnit would turn the skip into an error
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class).stack;
    }

    /** Closed by JUnit at the end of the run, like any CloseableResource in the root store. */
    private record Running(LocalStack stack) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        static Running start() {
            try {
                LocalStackSettings settings = LocalStackSettings.parse(new String[]{
                        "--http-port=" + freePort(),
                        "--s3-port=" + freePort(),
                        "--web-dir=" + RepoFiles.root().resolve("web"),
                        "--model=" + RepoFiles.model(),
                        "--watch-interval-ms=300",
                        // as deployed by default: the API needs the key, and the page has to ask for it
                        "--api-key=" + API_KEY,
                }, Map.of());
                return new Running(LocalStack.start(settings));
            } catch (Exception e) {
                throw new IllegalStateException("local stack did not start: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            stack.close();
        }
    }

    /** Skipped, never faked, while there is no model; a failure under CI=true. */
    static void assumeModel() {
        RepoFiles.requireModel();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
