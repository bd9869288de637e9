package io.github.ser.cli;

/** How results are printed: JSON lines for machines, a table for people. */
enum OutputFormat {
    json, table
}
