package io.github.ser.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds labelled clips under a folder: RAVDESS and TESS by their file names, nEMO, ASED and TurEV-DB by their
 * folder layout, anything else as {@code <label>/<file>} (see {@link CorpusLayout}). Files of no layout are ignored.
 */
public final class CorpusScanner {

    private CorpusScanner() {
    }

    /** Every recognised clip under {@code root}, sorted by path so runs are reproducible. */
    public static List<LabeledClip> scan(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("not a directory: " + root);
        }
        return CorpusLayout.scanAny(root);
    }
}
