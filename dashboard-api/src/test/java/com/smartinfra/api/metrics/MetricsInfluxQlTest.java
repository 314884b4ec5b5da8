package com.smartinfra.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.api.http.BadRequestException;
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
        assertThat(MetricsReader.influxQl(new MetricsQuery(0, 3_600_000, "db-01", 50, 60_000)))
                .isEqualTo(
                        "SELECT mean(*) FROM \"system_metrics\" WHERE time >= 0ms AND time <"
                                + " 3600000ms AND \"host\" = 'db-01' GROUP BY time(60000ms),"
                                + " \"host\" fill(none) ORDER BY time DESC LIMIT 50");
    }

    @Test
    void aDownsampledLimitPerHostIsAtMostTheIntervalsOfTheWindow() {
        // 1 h at 1 m: 60 intervals, so LIMIT 60 per host rather than the 50000 asked for
        assertThat(MetricsReader.influxQl(new MetricsQuery(0, 3_600_000, null, 50_000, 60_000)))
                .endsWith(" fill(none) ORDER BY time DESC LIMIT 60");
        assertThat(MetricsReader.hostsInWindow(new MetricsQuery(0, 3_600_000, null, 9, 60_000)))
                .isEqualTo(
                        "SELECT \"cpu\" FROM \"system_metrics\" WHERE time >= 0ms AND time <"
                                + " 3600000ms GROUP BY \"host\" ORDER BY time DESC LIMIT 1");
    }

    @Test
    void refusesAReadThatCouldAnswerMoreThanMaxPointsOverAllHosts() throws Exception {
        MetricsQuery q = new MetricsQuery(0, 86_400_000, null, 50_000, 10_000); // 8640 per host
        MetricsReader.refuseBeyondMaxPoints(q, 5); // 43200
        assertThatThrownBy(() -> MetricsReader.refuseBeyondMaxPoints(q, 6)) // 51840
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith(
                        "step 10s gives up to 8640 intervals for each of 6 hosts (51840 points)");
        assertThat(MetricsReader.duration(90_000)).isEqualTo("90s");
        assertThat(MetricsReader.duration(7_200_000)).isEqualTo("2h");
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
