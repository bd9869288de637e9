package io.github.ser.cli;

import io.github.ser.local.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;

/** {@code ser serve}: the local stack. Its flags and environment variables are read by {@code LocalStackSettings}. */
@Command(name = "serve",
        description = "Run the whole product locally: API + web page + S3-compatible server whose uploads get tagged. "
                + "`ser serve --help` lists its options.")
final class ServeCommand implements Runnable {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public void run() {
        LocalStack.main(args.toArray(String[]::new));
    }
}
