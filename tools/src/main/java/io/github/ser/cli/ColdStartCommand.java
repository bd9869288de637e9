package io.github.ser.cli;

import io.github.ser.RepositoryLayout;
import io.github.ser.bench.ColdStart;
import io.github.ser.bench.LambdaPackages;
import io.github.ser.local.S3MockServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code ser cold-start}: packages the layer and the functions as {@code sam build} does, then measures cold starts
 * of each function in fresh JVMs laid out like Lambda's java21 runtime (see {@link ColdStart}).
 */
@Command(name = "cold-start", description = "Package the functions as sam build does and time their cold starts "
        + "(init, first request, peak RSS; median of several fresh JVMs).")
final class ColdStartCommand implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "5", paramLabel = "N",
            description = "Fresh JVMs per function. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--artifacts", paramLabel = "DIR",
            description = "Where the packages go (layer/ and one folder per function). Default: a temporary folder.")
    Path artifacts;

    @Option(names = "--no-build", description = "Reuse the packages already in --artifacts instead of running the Makefiles.")
    boolean noBuild;

    @Option(names = "--function", paramLabel = "NAME",
            description = "Only this function of template.yaml (repeatable), e.g. BatchTaggingFunction. Default: all of them.")
    List<String> only = List.of();

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table or json. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        if (noBuild && artifacts == null) {
            throw new IllegalArgumentException("--no-build needs --artifacts DIR");
        }
        Path repository = RepositoryLayout.root();
        List<LambdaPackages.Function> declared = selected(LambdaPackages.declaredFunctions(repository));
        declared.forEach(f -> ColdStart.eventFor(f.name())); // every function has its event before any work
        Path out = artifacts != null ? artifacts : Files.createTempDirectory("ser-cold-start");
        Path layer = out.resolve("layer");
        List<LambdaPackages.Function> functions;
        if (noBuild) {
            functions = declared.stream()
                    .map(f -> new LambdaPackages.Function(f.name(), out.resolve(f.name()), f.handlerClass())).toList();
        } else {
            System.err.println("packaging the layer and " + names(declared) + " with their Makefiles (as sam build) into "
                    + out + " (Maven builds them: a few minutes the first time)");
            LambdaPackages.buildLayer(repository, layer);
            functions = LambdaPackages.buildFunctions(repository, declared, out);
        }

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("machine", Machine.describe());
        report.put("jvmFlags", ColdStart.LAMBDA_JVM_FLAGS);
        Map<String, Object> sizes = new LinkedHashMap<>();
        sizes.put("layer", LambdaPackages.zippedSize(layer));
        Set<String> layerJars = LambdaPackages.jarNames(layer.resolve("java/lib"));
        for (LambdaPackages.Function f : functions) {
            sizes.put(f.name(), LambdaPackages.zippedSize(f.dir()));
            Set<String> shared = new TreeSet<>(LambdaPackages.jarNames(f.dir().resolve("lib")));
            shared.retainAll(layerJars);
            if (!shared.isEmpty()) {
                throw new IllegalStateException(f.name() + " packages jars the layer already has: " + shared);
            }
        }
        report.put("zipBytes", sizes);

        System.err.println("timing " + runs + " cold starts per function");
        List<ColdStart.Result> results = ColdStart.measure(repository, layer, functions, runs,
                S3MockServer.jarBesideThisProgram());
        Map<String, Object> perFunction = new LinkedHashMap<>();
        for (ColdStart.Result r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", r.event());
            m.put("initMillis", r.median(ColdStart.Run::initMillis));
            m.put("constructMillis", r.median(ColdStart.Run::constructMillis));
            m.put("firstInvokeMillis", r.median(ColdStart.Run::firstInvokeMillis));
            m.put("initCpuMillis", r.median(ColdStart.Run::initCpuMillis));
            m.put("firstInvokeCpuMillis", r.median(ColdStart.Run::firstInvokeCpuMillis));
            m.put("peakRssMb", r.median(run -> run.peakRssKb() / 1024.0));
            m.put("runs", r.runs());
            perFunction.put(r.function(), m);
        }
        report.put("functions", perFunction);

        if (format == OutputFormat.json) {
            System.out.println(Json.line(report));
            return 0;
        }
        Map<String, Object> machine = Machine.describe();
        System.out.printf("Machine: %s cores, %s, Java %s, load average %s; JVM flags %s; median of %d fresh JVMs%n",
                machine.get("cores"), machine.get("cpu"), machine.get("java"), machine.get("loadAverage"),
                String.join(" ", ColdStart.LAMBDA_JVM_FLAGS), runs);
        System.out.printf("%-20s %-24s %8s %12s %10s %11s %13s %7s %7s%n", "FUNCTION", "EVENT", "INIT ms",
                "(handler ms)", "INIT CPU", "1ST REQ ms", "1ST REQ CPU", "RSS MB", "ZIP MB");
        for (ColdStart.Result r : results) {
            System.out.printf("%-20s %-24s %8.0f %12.0f %10.0f %11.0f %13.0f %7.0f %7.1f%n", r.function(), r.event(),
                    r.median(ColdStart.Run::initMillis), r.median(ColdStart.Run::constructMillis),
                    r.median(ColdStart.Run::initCpuMillis), r.median(ColdStart.Run::firstInvokeMillis),
                    r.median(ColdStart.Run::firstInvokeCpuMillis), r.median(run -> run.peakRssKb() / 1024.0),
                    ((Long) sizes.get(r.function())) / 1e6);
        }
        System.out.printf("%-20s %-24s %8s %12s %10s %11s %13s %7s %7.1f%n", "layer", "", "", "", "", "", "", "",
                ((Long) sizes.get("layer")) / 1e6);
        return 0;
    }

    /** The functions --function names, in the template's order; all of them without it. */
    private List<LambdaPackages.Function> selected(List<LambdaPackages.Function> declared) {
        Set<String> known = new TreeSet<>();
        declared.forEach(f -> known.add(f.name()));
        for (String name : only) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("--function " + name + ": template.yaml has " + known);
            }
        }
        return only.isEmpty() ? declared : declared.stream().filter(f -> only.contains(f.name())).toList();
    }

    private static String names(List<LambdaPackages.Function> functions) {
        return String.join(", ", functions.stream().map(LambdaPackages.Function::name).toList());
    }
}
