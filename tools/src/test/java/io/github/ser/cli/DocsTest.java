package io.github.ser.cli;

import io.github.ser.RepositoryLayout;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The docs stay true to the command line and render as written: every {@code ./ser …} command in a code fence of
 * README.md and docs/*.md parses with the CLI (picocli only: nothing runs), and every code fence is closed (one left
 * open turns the rest of the page into code).
 *
 * <p>Commands are read as a shell would: {@code \} joins lines, quotes group words, {@code #} starts a comment, and
 * {@code ;}, {@code &}, {@code &&}, {@code >} and a {@code |} between spaces end a command. A variable must be set on
 * the page before a {@code ./ser} command uses it ({@code NAME=…} or {@code for NAME in …} in a fence), so no command
 * depends on something a reader cannot see. Synopsis lines are read as their first choice (see {@link #synopsisFilled}).
 */
class DocsTest {

    private static final Pattern FENCE = Pattern.compile("^ {0,3}```\\s*(\\S*).*$");
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", Pattern.DOTALL);

    @Test
    void everyCodeFenceIsClosed() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path page : pages()) {
            List<String> lines = Files.readAllLines(page);
            int open = -1;
            for (int i = 0; i < lines.size(); i++) {
                Matcher fence = FENCE.matcher(lines.get(i));
                if (!fence.matches()) {
                    continue;
                }
                if (open < 0) {
                    open = i;
                } else if (fence.group(1).isEmpty()) {
                    open = -1;
                } else { // "```bash" cannot close a fence: the one opened before it was left open
                    problems.add(where(page, open) + " opens a code fence that " + where(page, i) + " cannot close");
                    open = i;
                }
            }
            if (open >= 0) {
                problems.add(where(page, open) + " opens a code fence that is never closed");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyFencedSerCommandParses() throws IOException {
        List<String> problems = new ArrayList<>();
        int commands = 0;
        for (Path page : pages()) {
            Map<String, Shell.Variable> variables = new HashMap<>();
            List<String> lines = Files.readAllLines(page);
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                if (FENCE.matcher(lines.get(i)).matches()) {
                    inFence = !inFence;
                    continue;
                }
                if (!inFence) {
                    continue;
                }
                int first = i;
                StringBuilder logical = new StringBuilder(lines.get(i));
                // a line ending in \ goes on, and so does an open quote (JSON over several lines), within the fence
                while (i + 1 < lines.size() && !FENCE.matcher(lines.get(i + 1)).matches()) {
                    if (logical.toString().endsWith("\\")) {
                        logical.setLength(logical.length() - 1);
                        logical.append(' ').append(lines.get(++i));
                    } else if (Shell.openQuote(logical.toString())) {
                        logical.append('\n').append(lines.get(++i));
                    } else {
                        break;
                    }
                }
                String line = logical.toString().replaceFirst("^\\s*\\$ ", ""); // a prompt before the command
                for (Shell.Command command : Shell.commands(line, variables)) {
                    List<String> words = command.words();
                    if (remember(command, variables) || words.isEmpty() || !words.get(0).equals("./ser")) {
                        continue;
                    }
                    commands++;
                    String shown = where(page, first) + ": " + String.join(" ", words);
                    if (!command.unset().isEmpty()) {
                        problems.add(shown + ": uses " + new TreeSet<>(command.unset()) + ", never set on the page");
                        continue;
                    }
                    try {
                        SerCli.commandLine().parseArgs(synopsisFilled(words.subList(1, words.size())));
                    } catch (CommandLine.ParameterException e) {
                        problems.add(shown + ": " + e.getMessage());
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(commands >= 15, "only " + commands + " fenced ./ser commands found: is the reading broken?");
    }

    /**
     * Records {@code NAME=value} (with the unset variables its value used) and {@code for NAME in first …}; true when
     * the command was only that.
     */
    private static boolean remember(Shell.Command command, Map<String, Shell.Variable> variables) {
        List<String> words = command.words();
        if (words.size() >= 3 && words.get(0).equals("for") && words.get(2).equals("in")) {
            variables.put(words.get(1), new Shell.Variable(words.size() > 3 ? words.get(3) : "", command.unset()));
            return true;
        }
        boolean assigned = false;
        while (!words.isEmpty()) {
            Matcher m = ASSIGNMENT.matcher(words.get(0));
            if (!m.matches()) {
                break;
            }
            variables.put(m.group(1), new Shell.Variable(m.group(2), command.unset()));
            words.remove(0);
            assigned = true;
        }
        return assigned && words.isEmpty();
    }

    /**
     * The arguments with a synopsis read as its first choice: brackets dropped, {@code a|b} as {@code a},
     * {@code FILE...} as {@code FILE}, and an option's own placeholder ({@code --concurrency N}, as {@code --help}
     * shows it) as a value of its type.
     */
    private static String[] synopsisFilled(List<String> args) {
        List<String> out = new ArrayList<>();
        CommandLine.Model.CommandSpec spec = null;
        CommandLine.Model.OptionSpec option = null;
        for (String arg : args) {
            String word = arg.replace("[", "").replace("]", "");
            int bar = word.indexOf('|');
            word = bar > 0 ? word.substring(0, bar) : word;
            word = word.endsWith("...") ? word.substring(0, word.length() - 3) : word;
            if (spec == null) {
                CommandLine sub = SerCli.commandLine().getSubcommands().get(word);
                spec = sub == null ? null : sub.getCommandSpec();
            } else if (option != null && word.equals(option.paramLabel())) {
                word = sampleOf(option.type(), word);
            }
            option = spec == null || !word.startsWith("-") ? null : spec.findOption(word.split("=", 2)[0]);
            out.add(word);
        }
        return out.toArray(String[]::new);
    }

    /** A value of {@code type} for a placeholder: numbers and enumerations need a real one. */
    private static String sampleOf(Class<?> type, String placeholder) {
        if (type == int.class || type == Integer.class || type == long.class || type == double.class) {
            return "1";
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0].toString();
        }
        return placeholder;
    }

    private static List<Path> pages() throws IOException {
        Path root = RepositoryLayout.root();
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static String where(Path page, int index) {
        return RepositoryLayout.root().relativize(page) + ":" + (index + 1);
    }

    /** Just enough of the shell to read a documented command line into words. */
    static final class Shell {
        /** A command's words, and the variables it uses that are not set. */
        record Command(List<String> words, List<String> unset) {
        }

        /** A variable set on the page, and the unset ones its value was made of. */
        record Variable(String value, List<String> unset) {
        }

        private final String line;
        private final Map<String, Variable> variables;
        private final List<Command> commands = new ArrayList<>();
        private List<String> words = new ArrayList<>();
        private List<String> unset = new ArrayList<>();
        private StringBuilder word;
        private int i;

        private Shell(String line, Map<String, Variable> variables) {
            this.line = line;
            this.variables = variables;
        }

        /** The commands of {@code line}, each as its words. */
        static List<Command> commands(String line, Map<String, Variable> variables) {
            Shell shell = new Shell(line, variables);
            shell.read();
            return shell.commands;
        }

        /** True when {@code line} ends inside quotes, so the command goes on on the next line. */
        static boolean openQuote(String line) {
            char quote = 0;
            for (int k = 0; k < line.length(); k++) {
                char c = line.charAt(k);
                if (c == '\\' && quote != '\'') {
                    k++;
                } else if (quote == 0 && (c == '\'' || c == '"')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                } else if (quote == 0 && c == '#' && (k == 0 || Character.isWhitespace(line.charAt(k - 1)))) {
                    return false;
                }
            }
            return quote != 0;
        }

        private void read() {
            char quote = 0;
            for (i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote == '\'') {
                    if (c == '\'') {
                        quote = 0;
                    } else {
                        append(c);
                    }
                } else if (quote == '"') {
                    if (c == '"') {
                        quote = 0;
                    } else if (c == '$') {
                        append(variable());
                    } else {
                        append(c == '\\' && i + 1 < line.length() ? line.charAt(++i) : c);
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                    append("");
                } else if (c == '\\' && i + 1 < line.length()) {
                    append(line.charAt(++i));
                } else if (c == '$') {
                    String[] split = variable().trim().split("\\s+");
                    for (int k = 0; k < split.length; k++) {
                        if (k > 0) {
                            endWord();
                        }
                        append(split[k]);
                    }
                } else if (c == '#' && word == null) {
                    break;
                } else if (c == ';' || c == '&' || c == '>' || c == '<'
                        || c == '|' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)) || line.charAt(i - 1) == '|')) {
                    endCommand();
                } else if (Character.isWhitespace(c)) {
                    endWord();
                } else {
                    append(c);
                }
            }
            endCommand();
        }

        /** The value of {@code $NAME} or {@code ${NAME}} at {@link #i}; empty, and noted, when it is not set. */
        private String variable() {
            Matcher m = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))").matcher(line);
            if (!m.find(i) || m.start() != i) {
                return "$";
            }
            i = m.end() - 1;
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            Variable value = variables.get(name);
            if (value == null) {
                unset.add("$" + name);
                return "";
            }
            unset.addAll(value.unset());
            return value.value();
        }

        private void append(char c) {
            append(String.valueOf(c));
        }

        private void append(String s) {
            if (word == null) {
                word = new StringBuilder();
            }
            word.append(s);
        }

        private void endWord() {
            if (word != null) {
                words.add(word.toString());
                word = null;
            }
        }

        private void endCommand() {
            endWord();
            if (!words.isEmpty()) {
                commands.add(new Command(words, unset));
                words = new ArrayList<>();
                unset = new ArrayList<>();
            }
        }
    }
}
