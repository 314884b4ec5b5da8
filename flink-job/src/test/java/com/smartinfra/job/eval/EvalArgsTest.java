package com.smartinfra.job.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class EvalArgsTest {
    private static EvalArgs parse(String... args) {
        return EvalArgs.parse(args, Set.of("--set", "--hosts"), "usage");
    }

    @Test
    void settingsBecomeJobArgumentsInOrder() {
        EvalArgs opts =
                parse(
                        "--set", "detect.trees = 50",
                        "--hosts", "3",
                        "--set", "alert.group-wait=0s",
                        "--set", "detect.trees=40");
        assertThat(opts.settingsAsJobArgs())
                .containsExactly(
                        "--detect.trees", "50",
                        "--alert.group-wait", "0s",
                        "--detect.trees", "40");
        assertThat(parse("--hosts", "3").settingsAsJobArgs()).isEmpty();
    }

    @Test
    void aSettingWithoutItsValueIsRefusedWithASentence() {
        assertThatThrownBy(() -> parse("--set", "detect.trees").settingsAsJobArgs())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--set needs name=value, got 'detect.trees'");
    }
}
