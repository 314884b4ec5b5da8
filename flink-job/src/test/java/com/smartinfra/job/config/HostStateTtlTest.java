package com.smartinfra.job.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.junit.jupiter.api.Test;

class HostStateTtlTest {
    @Test
    void expiresAfterTheLastWriteNeverReturnsExpiredStateAndChecksOneEntryPerAccess() {
        StateTtlConfig ttl = HostStateTtl.of(Duration.ofHours(24));
        assertThat(ttl.getTimeToLive()).isEqualTo(Duration.ofHours(24));
        assertThat(ttl.getUpdateType()).isEqualTo(StateTtlConfig.UpdateType.OnCreateAndWrite);
        assertThat(ttl.getStateVisibility())
                .isEqualTo(StateTtlConfig.StateVisibility.NeverReturnExpired);
        StateTtlConfig.IncrementalCleanupStrategy cleanup =
                ttl.getCleanupStrategies().getIncrementalCleanupStrategy();
        assertThat(cleanup.getCleanupSize()).isEqualTo(1);
        assertThat(cleanup.runCleanupForEveryRecord()).isFalse();
    }
}
