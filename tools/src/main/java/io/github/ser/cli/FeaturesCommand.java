package io.github.ser.cli;

import io.github.ser.audio.AudioException;
import io.github.ser.audio.AudioLimits;
import io.github.ser.features.FeatureSet;
import io.github.ser.features.FeatureSets;
import io.github.ser.model.SpeechDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ser features FILE...}: the exact vector a model sees (decoded, resampled to 16 kHz, whole clip), for
 * research and for checking parity with librosa from outside.
 */
@Command(name = "features", description = "Print the feature vector of each audio file as JSON lines.")
final class FeaturesCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files.")
    List<Path> files;

    @Option(names = {"--set", "--features"}, defaultValue = "default", paramLabel = "SET",
            description = "seed, speech or default (= " + FeatureSets.DEFAULT + "). Default: ${DEFAULT-VALUE}.")
    String set;

    @Override
    public Integer call() {
        FeatureSet featureSet = FeatureSets.byName(set);
        SpeechDecoder decoder = new SpeechDecoder(AudioLimits.defaults(), featureSet.sampleRate());
        boolean failed = false;
        for (Path file : files) {
            try {
                float[] samples = decoder.decode(Files.readAllBytes(file)).samples();
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("file", file.toString());
                json.put("set", featureSet.name());
                json.put("version", featureSet.version());
                json.put("names", featureSet.names());
                json.put("features", featureSet.extract(samples, decoder.sampleRate()));
                System.out.println(Json.line(json));
            } catch (AudioException e) {
                failed = true;
                System.out.println(Json.error(file.toString(), e.code().code(), e.getMessage()));
            } catch (IOException e) {
                failed = true;
                System.out.println(Json.error(file.toString(), "unreadable_file", "cannot read file: " + e.getMessage()));
            }
        }
        return failed ? SerCli.SOME_FILES_FAILED : 0;
    }
}
