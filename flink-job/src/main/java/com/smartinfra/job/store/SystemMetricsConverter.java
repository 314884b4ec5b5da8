package com.smartinfra.job.store;

import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.Sample;

/** A raw sample as one {@code system_metrics} point. */
public final class SystemMetricsConverter extends LineProtocolConverter<Sample> {
    private static final long serialVersionUID = 1L;

    @Override
    protected StringBuilder append(StringBuilder sb, Sample sample) {
        return InfluxSchema.appendSystemMetrics(sb, sample);
    }
}
