package io.github.ser.cli;

import io.github.ser.EmotionRecognizer;
import io.github.ser.RecognizerSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the recognizer for {@code --model}, or the default model, with a hint when there is none yet. */
final class Recognizers {

    private Recognizers() {
    }

    static EmotionRecognizer load(Path modelOption) throws IOException {
        Path model = modelOption != null ? modelOption : SerPaths.defaultModel();
        if (modelOption == null && !Files.exists(model)) {
            throw new IOException("no model at " + model + "; train one there with `./ser train --data DIR`, "
                    + "or pass --model FILE or set " + SerPaths.MODEL_ENV);
        }
        return EmotionRecognizer.load(model, RecognizerSettings.defaults());
    }
}
