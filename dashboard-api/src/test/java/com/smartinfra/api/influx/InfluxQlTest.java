package com.smartinfra.api.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.api.metrics.MetricsQuery;
import org.junit.jupiter.api.Test;

class InfluxQlTest {
    @Test
    void selectsTheWindowNewestFirstSoTheLimitKeepsTheLatest() {
        assertThat(InfluxMetricsReader.influxQl(new MetricsQuery(1000, 2000, null, 10)))
                .isEqualTo(
                        "SELECT * FROM \"system_metrics\" WHERE time >= 1000ms AND time < 2000ms"
                                + " ORDER BY time DESC LIMIT 10");
    }

    @Test
    void filtersOnTheHostTag() {
        assertThat(InfluxMetricsReader.influxQl(new MetricsQuery(0, 5, "web-01", 1)))
                .isEqualTo(
                        "SELECT * FROM \"system_metrics\" WHERE time >= 0ms AND time < 5ms"
                                + " AND \"host\" = 'web-01' ORDER BY time DESC LIMIT 1");
    }

    @Test
    void aQueryCannotCarryAnUnvalidatedHost() {
        assertThatThrownBy(() -> new MetricsQuery(0, 5, "x' OR '1'='1", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricsQuery(5, 5, null, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricsQuery(0, 5, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
