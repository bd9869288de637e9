package io.github.ser.bench;

import io.github.ser.EmotionRecognizer;
import io.github.ser.Prediction;
import io.github.ser.RecognizerSettings;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real recognition, run by {@link LayerPackagingTest} in a fresh JVM whose classpath is the packaged layer:
 * {@code RecognitionProbe MODEL CLIP...}. References only the engine, so it loads nothing serving would not.
 */
public final class RecognitionProbe {
    private RecognitionProbe() {
    }

    public static void main(String[] args) throws Exception {
        EmotionRecognizer recognizer = EmotionRecognizer.load(Path.of(args[0]), RecognizerSettings.defaults());
        for (int i = 1; i < args.length; i++) {
            Prediction prediction = recognizer.recognize(Files.readAllBytes(Path.of(args[i])));
            System.out.println("recognized " + prediction.emotion() + " " + prediction.confidence());
        }
    }
}
