package com.smartinfra.job.detect;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamField;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The flat form of a {@link DetectorConfig}: one value per setting. It is the configuration's
 * serialized form (unchanged since before the split into parts, so old savepoints restore) and what
 * {@link DetectorConfig#toBuilder()} starts from.
 */
final class DetectorConfigForm {
    /** The fields of the serialized form, by name and type. */
    static final ObjectStreamField[] FIELDS = {
        new ObjectStreamField("rulesEnabled", boolean.class),
        new ObjectStreamField("cpuLimit", double.class),
        new ObjectStreamField("memoryLimit", double.class),
        new ObjectStreamField("diskLimit", double.class),
        new ObjectStreamField("modelMetrics", List.class),
        new ObjectStreamField("deltaFeatures", boolean.class),
        new ObjectStreamField("rollingWindow", int.class),
        new ObjectStreamField("shingle", int.class),
        new ObjectStreamField("seasonPeriod", int.class),
        new ObjectStreamField("warmUp", Duration.class),
        new ObjectStreamField("minTrainingSamples", int.class),
        new ObjectStreamField("trainingSize", int.class),
        new ObjectStreamField("retrainEverySamples", int.class),
        new ObjectStreamField("retrainEvery", Duration.class),
        new ObjectStreamField("trees", int.class),
        new ObjectStreamField("subsample", int.class),
        new ObjectStreamField("extensionLevel", int.class),
        new ObjectStreamField("contamination", double.class),
        new ObjectStreamField("driftWindow", int.class),
        new ObjectStreamField("driftSigmas", double.class),
        new ObjectStreamField("regimeChangeFraction", double.class),
        new ObjectStreamField("cooldownSamples", int.class),
        new ObjectStreamField("recurrenceEpisodes", int.class),
        new ObjectStreamField("seed", long.class)
    };

    private DetectorConfigForm() {}

    static DetectorConfig.Builder toBuilder(DetectorConfig c) {
        DetectorConfig.Builder b = DetectorConfig.builder();
        b.rulesEnabled = c.rules().enabled();
        b.cpuLimit = c.rules().cpuLimit();
        b.memoryLimit = c.rules().memoryLimit();
        b.diskLimit = c.rules().diskLimit();
        b.modelMetrics = c.features().modelMetrics();
        b.deltaFeatures = c.features().deltaFeatures();
        b.rollingWindow = c.features().rollingWindow();
        b.shingle = c.features().shingle();
        b.seasonPeriod = c.features().seasonPeriod();
        b.warmUp = c.schedule().warmUp();
        b.minTrainingSamples = c.schedule().minTrainingSamples();
        b.trainingSize = c.schedule().trainingSize();
        b.retrainEverySamples = c.schedule().retrainEverySamples();
        b.retrainEvery = c.schedule().retrainEvery();
        b.trees = c.forest().trees();
        b.subsample = c.forest().subsample();
        b.extensionLevel = c.forest().extensionLevel();
        b.contamination = c.forest().contamination();
        b.driftWindow = c.drift().driftWindow();
        b.driftSigmas = c.drift().driftSigmas();
        b.regimeChangeFraction = c.drift().regimeChangeFraction();
        b.cooldownSamples = c.drift().cooldownSamples();
        b.recurrenceEpisodes = c.drift().recurrenceEpisodes();
        b.seed = c.forest().seed();
        return b;
    }

    static void write(DetectorConfig c, ObjectOutputStream out) throws IOException {
        ObjectOutputStream.PutField f = out.putFields();
        f.put("rulesEnabled", c.rulesEnabled());
        f.put("cpuLimit", c.cpuLimit());
        f.put("memoryLimit", c.memoryLimit());
        f.put("diskLimit", c.diskLimit());
        f.put("modelMetrics", c.features().modelMetrics());
        f.put("deltaFeatures", c.deltaFeatures());
        f.put("rollingWindow", c.rollingWindow());
        f.put("shingle", c.shingle());
        f.put("seasonPeriod", c.seasonPeriod());
        f.put("warmUp", c.warmUp());
        f.put("minTrainingSamples", c.minTrainingSamples());
        f.put("trainingSize", c.trainingSize());
        f.put("retrainEverySamples", c.retrainEverySamples());
        f.put("retrainEvery", c.retrainEvery());
        f.put("trees", c.trees());
        f.put("subsample", c.subsample());
        f.put("extensionLevel", c.extensionLevel());
        f.put("contamination", c.contamination());
        f.put("driftWindow", c.driftWindow());
        f.put("driftSigmas", c.driftSigmas());
        f.put("regimeChangeFraction", c.regimeChangeFraction());
        f.put("cooldownSamples", c.cooldownSamples());
        f.put("recurrenceEpisodes", c.recurrenceEpisodes());
        f.put("seed", c.seed());
        out.writeFields();
    }

    @SuppressWarnings("unchecked")
    static DetectorConfig.Builder read(ObjectInputStream in)
            throws IOException, ClassNotFoundException {
        ObjectInputStream.GetField f = in.readFields();
        DetectorConfig.Builder b = DetectorConfig.builder();
        b.rulesEnabled = f.get("rulesEnabled", b.rulesEnabled);
        b.cpuLimit = f.get("cpuLimit", b.cpuLimit);
        b.memoryLimit = f.get("memoryLimit", b.memoryLimit);
        b.diskLimit = f.get("diskLimit", b.diskLimit);
        b.modelMetrics = new ArrayList<>((List<Metric>) f.get("modelMetrics", null));
        b.deltaFeatures = f.get("deltaFeatures", b.deltaFeatures);
        b.rollingWindow = f.get("rollingWindow", b.rollingWindow);
        b.shingle = f.get("shingle", b.shingle);
        b.seasonPeriod = f.get("seasonPeriod", b.seasonPeriod);
        b.warmUp = (Duration) f.get("warmUp", null);
        b.minTrainingSamples = f.get("minTrainingSamples", b.minTrainingSamples);
        b.trainingSize = f.get("trainingSize", b.trainingSize);
        b.retrainEverySamples = f.get("retrainEverySamples", b.retrainEverySamples);
        b.retrainEvery = (Duration) f.get("retrainEvery", null);
        b.trees = f.get("trees", b.trees);
        b.subsample = f.get("subsample", b.subsample);
        b.extensionLevel = f.get("extensionLevel", b.extensionLevel);
        b.contamination = f.get("contamination", b.contamination);
        b.driftWindow = f.get("driftWindow", b.driftWindow);
        b.driftSigmas = f.get("driftSigmas", b.driftSigmas);
        b.regimeChangeFraction = f.get("regimeChangeFraction", b.regimeChangeFraction);
        b.cooldownSamples = f.get("cooldownSamples", b.cooldownSamples);
        b.recurrenceEpisodes = f.get("recurrenceEpisodes", b.recurrenceEpisodes);
        b.seed = f.get("seed", b.seed);
        return b;
    }
}
