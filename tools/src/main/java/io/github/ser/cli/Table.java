package io.github.ser.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Small helpers for the human-readable tables. */
final class Table {

    private Table() {
    }

    /** Keeps the end of a long path, where the file name is. */
    static String fit(String text, int width) {
        return text.length() <= width ? text : "…" + text.substring(text.length() - width + 1);
    }

    /** The {@code n} most likely labels after {@code best}, e.g. {@code "sad 12%, calm 8%"}. */
    static String runnersUp(Map<String, Double> probabilities, String best, int n) {
        return probabilities.entrySet().stream()
                .filter(e -> !e.getKey().equals(best))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(n)
                .map(e -> String.format("%s %.0f%%", e.getKey(), 100 * e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** A confusion matrix, {@code confusion[truth][predicted]}, under a title line. */
    static void confusion(List<String> labels, int[][] confusion, PrintStream out) {
        out.println("  confusion (rows: truth, columns: predicted):");
        out.printf("    %-10s%s%n", "", labels.stream().map(l -> String.format("%5.4s", l))
                .collect(Collectors.joining()));
        for (int t = 0; t < labels.size(); t++) {
            out.printf("    %-10s%s%n", labels.get(t), IntStream.of(confusion[t])
                    .mapToObj(n -> String.format("%5d", n)).collect(Collectors.joining()));
        }
    }

    static String percent(double fraction) {
        return String.format("%5.1f%%", 100 * fraction);
    }
}
