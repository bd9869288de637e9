package io.github.ser.cli;

import io.github.ser.RepositoryLayout;
import io.github.ser.CapacityExceededException;
import io.github.ser.EmotionRecognizer;
import io.github.ser.Prediction;
import io.github.ser.SegmentPrediction;
import io.github.ser.audio.AudioException;
import io.github.ser.audio.AudioLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ser predict FILE...}: one JSON object per file (or a table). */
@Command(name = "predict", description = "Predict the emotion of each audio file (WAV incl. mu-law/A-law, AIFF, FLAC, MP3, M4A/AAC, Ogg Vorbis/Opus, WebM Opus).")
final class PredictCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files.")
    List<Path> files;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Model artifact. Default: $SER_MODEL_PATH, else " + RepositoryLayout.ENGINE_MODULE + "/"
                    + RepositoryLayout.MODEL_FILE + ".")
    Path model;

    @Option(names = "--format", defaultValue = "json", paramLabel = "FORMAT",
            description = "json (one object per line) or table. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = "--read-timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "Give up on a pipe or FIFO that sends nothing for this long. Default: ${DEFAULT-VALUE}.")
    long readTimeoutSeconds;

    @Override
    public Integer call() throws IOException {
        EmotionRecognizer recognizer = Recognizers.load(model);
        PrintStream out = System.out;
        if (format == OutputFormat.table) {
            out.printf("%-44s %-10s %6s %8s  %s%n", "FILE", "EMOTION", "CONF", "SECONDS", "NEXT MOST LIKELY");
        }
        boolean failed = false;
        for (Path file : files) {
            try {
                Prediction prediction = recognizer.recognize(BoundedFile.read(file, AudioLimits.DEFAULT_MAX_BYTES,
                        Duration.ofSeconds(readTimeoutSeconds)));
                out.println(format == OutputFormat.json ? Json.line(asJson(file, prediction)) : row(file, prediction));
            } catch (AudioException e) {
                failed = true;
                printError(out, file, e.code().code(), e.getMessage());
            } catch (IOException e) {
                failed = true;
                printError(out, file, "unreadable_file", "cannot read file: " + e.getMessage());
            } catch (CapacityExceededException e) {
                failed = true;   // our trouble, not the file's: said so, and the batch goes on
                printError(out, file, "insufficient_memory", e.getMessage() + "; try again with a larger -Xmx (SER_JAVA_OPTS)");
            }
        }
        return failed ? SerCli.SOME_FILES_FAILED : 0;
    }

    /** The public JSON shape: timings are left out (they differ run to run; see {@code ser bench}). */
    static Map<String, Object> asJson(Path file, Prediction p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", file.toString());
        json.put("emotion", p.emotion());
        json.put("confidence", p.confidence());
        json.put("uncertain", p.uncertain());
        json.put("probabilities", p.probabilities());
        json.put("durationSeconds", p.durationSeconds());
        json.put("model", p.model());
        if (p.segments() != null) {
            json.put("segments", p.segments());
        }
        return json;
    }

    private void printError(PrintStream out, Path file, String code, String message) {
        if (format == OutputFormat.json) {
            out.println(Json.error(file.toString(), code, message));
        } else {
            out.printf("%-44s %-10s %s%n", Table.fit(file.toString(), 44), "error", code + ": " + message);
        }
    }

    private static String row(Path file, Prediction p) {
        StringBuilder s = new StringBuilder(String.format("%-44s %-10s %5.1f%% %8.2f  %s",
                Table.fit(file.toString(), 44), p.emotion(), 100 * p.confidence(), p.durationSeconds(),
                Table.runnersUp(p.probabilities(), p.emotion(), 2) + (p.uncertain() ? "  (not sure)" : "")));
        if (p.segments() != null) {
            for (SegmentPrediction seg : p.segments()) {
                s.append(String.format("%n  %6.2f-%6.2f s %-27s %-10s %5.1f%%", seg.startSeconds(), seg.endSeconds(),
                        "", seg.emotion(), 100 * seg.confidence()));
            }
        }
        return s.toString();
    }
}
