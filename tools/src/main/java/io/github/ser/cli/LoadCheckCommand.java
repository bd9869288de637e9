package io.github.ser.cli;

import io.github.ser.local.LoadCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;

/** {@code ser load-check}: requests in flight against a running API (a benchmark, not a test). */
@Command(name = "load-check",
        description = "Send N POST /predict requests, C at a time, to a running API and report latency percentiles. "
                + "Options: --url=http://localhost:8080 --file=clip.wav --requests=200 --concurrency=4 --warmup=20.")
final class LoadCheckCommand implements Runnable {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public void run() {
        LoadCheck.main(args.toArray(String[]::new));
    }
}
