package io.github.ser.local;

import java.io.IOException;
import java.net.ServerSocket;

/** Checks a port before a server is started on it, so a clash is one clear line instead of a bind stack trace. */
final class Ports {

    private Ports() {
    }

    static void requireFree(int port, String flag) throws IOException {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IOException("port " + port + " is already in use (another ./ser serve?); choose another with "
                    + flag + "=N", e);
        }
    }
}
