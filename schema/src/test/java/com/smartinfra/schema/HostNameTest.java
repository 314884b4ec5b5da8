package com.smartinfra.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostNameTest {
    @Test
    void sanitizeReplacesWhatTheCharsetDoesNotAllowAndCutsLongNames() {
        assertThat(HostName.sanitize("web-01.eu_west")).isEqualTo("web-01.eu_west");
        assertThat(HostName.sanitize("my box:9100")).isEqualTo("my-box-9100");
        assertThat(HostName.sanitize("büro\n")).isEqualTo("b-ro-");
        assertThat(HostName.sanitize("a".repeat(200))).isEqualTo("a".repeat(128));
        assertThat(HostName.isValid(HostName.sanitize("[::1]:9100"))).isTrue();
        assertThat(HostName.sanitize("")).isNull();
        assertThat(HostName.sanitize(null)).isNull();
    }
}
