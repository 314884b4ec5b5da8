package com.smartinfra.job.detect;

/** A trained isolation forest, as the detector uses it: a score per feature vector. */
interface IsolationScorer {
    /** Score in (0, 1]; higher is more anomalous. Allocation-free. */
    double score(double[] x);
}
