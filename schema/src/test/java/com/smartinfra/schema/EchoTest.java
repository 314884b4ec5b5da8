package com.smartinfra.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoTest {
    @Test
    void quotesAtMostMaxPrintableAsciiCharacters() {
        assertThat(Echo.bounded("web-01", 40)).isEqualTo("web-01");
        assertThat(Echo.bounded("a\nb\u0000c\u00e9\u2028", 40)).isEqualTo("a?b?c??");
        assertThat(Echo.bounded("x".repeat(41), 40)).isEqualTo("x".repeat(40) + "...");
        assertThat(Echo.bounded("x".repeat(40), 40)).isEqualTo("x".repeat(40));
        assertThat(Echo.bounded(null, 40)).isEmpty();
    }
}
