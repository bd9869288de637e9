package io.github.ser.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The speaker-independent folds of {@code ravdess-folds.json}: each fold's test actors. */
public record RavdessFolds(List<List<Integer>> testActors) {

    public RavdessFolds {
        Set<Integer> seen = new HashSet<>();
        for (List<Integer> fold : testActors) {
            for (int actor : fold) {
                if (!seen.add(actor)) {
                    throw new IllegalArgumentException("actor " + actor + " is in more than one test fold");
                }
            }
        }
        testActors = testActors.stream().map(List::copyOf).toList();
    }

    public static RavdessFolds load(Path file) throws IOException {
        JsonNode folds = new ObjectMapper().readTree(file.toFile()).path("test_actors");
        if (!folds.isArray() || folds.isEmpty()) {
            throw new IOException(file + " has no \"test_actors\" array");
        }
        List<List<Integer>> testActors = new ArrayList<>();
        for (JsonNode fold : folds) {
            List<Integer> actors = new ArrayList<>();
            fold.forEach(actor -> actors.add(actor.asInt()));
            testActors.add(actors);
        }
        return new RavdessFolds(testActors);
    }

    public int size() {
        return testActors.size();
    }
}
