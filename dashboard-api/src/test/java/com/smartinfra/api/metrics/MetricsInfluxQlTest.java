package com.smartinfra.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricsInfluxQlTest {
    @Test
    void selectsTheWindowNewestFirstSoTheLimitKeepsTheLatest() {
        assertThat(MetricsReader.influxQl(new MetricsQuery(1000, 2000, null, 10)))
                .isEqualTo(
                        "SELECT * FROM \"system_metrics\" WHERE time >= 1000ms AND time < 2000ms"
                                + " ORDER BY time DESC LIMIT 10");
    }

    @Test
    void filtersOnTheHostTag() {
        assertThat(MetricsReader.influxQl(new MetricsQuery(0, 5, "web-01", 1)))
                .isEqualTo(
                        "SELECT * FROM \"system_metrics\" WHERE time >= 0ms AND time < 5ms"
                                + " AND \"host\" = 'web-01' ORDER BY time DESC LIMIT 1");
    }

    @Test
    void downsamplesWithTheMeanPerHostAndStep() {
        assertThat(MetricsReader.influxQl(new MetricsQuery(0, 3_600_000, "db-01", 500, 60_000)))
                .isEqualTo(
                        "SELECT mean(*) FROM \"system_metrics\" WHERE time >= 0ms AND time <"
                                + " 3600000ms AND \"host\" = 'db-01' GROUP BY time(60000ms),"
                                + " \"host\" fill(none) ORDER BY time DESC LIMIT 500");
    }

    @Test
    void aQueryCannotCarryAnUnvalidatedHostOrStep() {
        assertThatThrownBy(() -> new MetricsQuery(0, 5, "x' OR '1'='1", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricsQuery(5, 5, null, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricsQuery(0, 5, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricsQuery(0, 5, null, 1, 999))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
