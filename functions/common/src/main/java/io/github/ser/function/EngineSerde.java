package io.github.ser.function;

import io.github.ser.Prediction;
import io.github.ser.SegmentPrediction;
import io.micronaut.serde.annotation.SerdeImport;

/** The engine knows nothing of Micronaut; its result types are made serializable here, once for all functions. */
@SerdeImport(Prediction.class)
@SerdeImport(Prediction.Timings.class)
@SerdeImport(SegmentPrediction.class)
@SerdeImport(io.github.ser.model.Manifest.TrainedOn.class)
@SerdeImport(io.github.ser.model.Manifest.Source.class)
@SerdeImport(io.github.ser.model.Calibration.class)
final class EngineSerde {
    private EngineSerde() {
    }
}
