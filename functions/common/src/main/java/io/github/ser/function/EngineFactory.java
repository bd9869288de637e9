package io.github.ser.function;

import io.github.ser.AnalysisGate;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The engine's process-wide parts that adapters share: one gate on the audio-seconds in analysis. */
@Factory
public class EngineFactory {

    @Singleton
    AnalysisGate analysisGate(SerConfiguration config) {
        return new AnalysisGate(config.getMaxAudioSecondsInFlight());
    }
}
