package io.github.ser.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A Java agent loaded into the S3Mock child process ({@code -javaagent:watchdog.jar=<parent pid>,<temp dir>}) so that
 * it cannot outlive the local stack, even when the stack is killed with SIGKILL and runs no shutdown hook: it exits
 * as soon as its standard input reaches end of file (the OS closes the pipe when the parent dies, however it dies)
 * or the parent process is gone. The exit is an orderly one, so S3Mock deletes its temporary store, and then the
 * agent deletes the stack's temporary folder for S3Mock (log, this jar). Self-contained: it is the only class in the
 * agent jar that {@link S3MockServer} writes at start.
 */
public final class ParentWatchdog {
    private static final long POLL_MILLIS = 250;

    private ParentWatchdog() {
    }

    public static void premain(String args) {
        String[] parts = args.split(",", 2);
        long parent = Long.parseLong(parts[0]);
        Path tempDir = Path.of(parts[1]);
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes: any byte is ignored, only the end matters
                }
            } catch (IOException e) {
                // a broken pipe is the same news
            }
            orphaned(tempDir, "its input closed");
        }, "ser-parent-watchdog-stdin");
        Thread poll = new Thread(() -> {
            while (ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            orphaned(tempDir, "process " + parent + " is gone");
        }, "ser-parent-watchdog-poll");
        for (Thread thread : new Thread[]{stdin, poll}) {
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static synchronized void orphaned(Path tempDir, String why) {
        System.err.println("ser watchdog: the local stack that started this S3Mock has stopped (" + why + "); exiting");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(tempDir), "ser-parent-watchdog-cleanup"));
        System.exit(0);
    }

    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // gone already, or in use: a leftover temporary folder is harmless
        }
    }
}
