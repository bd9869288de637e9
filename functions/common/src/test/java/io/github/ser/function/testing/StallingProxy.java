package io.github.ser.function.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a real server, for fault tests: {@link #pause()} freezes it (connections are accepted and
 * bytes are read, but nothing is forwarded or answered, like a SIGSTOPped server whose kernel still accepts), and
 * {@link #stop()} closes it (connections refused, like a server that is gone).
 */
public final class StallingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean paused;
    private volatile boolean closed;

    public StallingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "stalling-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + listener.getLocalPort());
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    /** Refuses every connection from now on (the port is closed). */
    public void stop() {
        close();
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(StallingProxy::quietly);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                open.add(client);
                open.add(server);
                // a connection accepted while close() ran must not outlive it: close() sets the flag before it
                // closes what is open, and this adds before it looks, so one of the two closes these sockets
                if (closed) {
                    quietly(client);
                    quietly(server);
                    break;
                }
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                // listener closed, or the target refused: the client sees its connection drop
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    while (paused && !listener.isClosed()) {
                        Thread.sleep(20); // hold the bytes: the other side waits for an answer that never comes
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side closed
            } finally {
                quietly(from);
                quietly(to);
            }
        }, "stalling-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
