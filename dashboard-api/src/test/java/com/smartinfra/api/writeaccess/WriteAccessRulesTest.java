package com.smartinfra.api.writeaccess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pure rules behind {@link WriteAccess}, on a clock the test moves. */
class WriteAccessRulesTest {
    @Test
    void aBucketGivesTheBurstThenRefillsAtTheRate() {
        AtomicLong nanos = new AtomicLong(1_000);
        ClientRateLimiter limiter = new ClientRateLimiter(2, 3, nanos::get);

        assertThat(limiter.take("a")).isZero();
        assertThat(limiter.take("a")).isZero();
        assertThat(limiter.take("a")).isZero();
        assertThat(limiter.take("a")).isEqualTo(1); // 0.5 s to the next, said as 1 s
        assertThat(limiter.take("b")).isZero(); // every client has its own bucket

        nanos.addAndGet(500_000_000); // half a second: one write at 2 a second
        assertThat(limiter.take("a")).isZero();
        assertThat(limiter.take("a")).isEqualTo(1);

        nanos.addAndGet(3_600_000_000_000L); // an hour: full again, not more than the burst
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.take("a")).isZero();
        }
        assertThat(limiter.take("a")).isEqualTo(1);
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilTheNextWrite() {
        AtomicLong nanos = new AtomicLong();
        ClientRateLimiter limiter = new ClientRateLimiter(0.01, 1, nanos::get);
        assertThat(limiter.take("a")).isZero();
        assertThat(limiter.take("a")).isEqualTo(100);
        nanos.addAndGet(40_500_000_000L);
        assertThat(limiter.take("a")).isEqualTo(60);
    }

    @Test
    void tracksABoundedNumberOfClientsForgettingTheLeastRecent() {
        AtomicLong nanos = new AtomicLong();
        ClientRateLimiter limiter = new ClientRateLimiter(0.001, 1, nanos::get);
        assertThat(limiter.take("first")).isZero();
        assertThat(limiter.take("first")).isPositive();
        for (int i = 0; i < ClientRateLimiter.MAX_CLIENTS + 5; i++) {
            limiter.take("client-" + i);
        }

        assertThat(limiter.clients()).isEqualTo(ClientRateLimiter.MAX_CLIENTS);
        // forgotten, so it starts again with a full bucket
        assertThat(limiter.take("first")).isZero();
    }

    @Test
    void theTokenIsAcceptedAsBearerOrTokenAndNothingElse() {
        ApiToken token = new ApiToken("0123456789abcdef-secret".toCharArray());

        assertThat(token.accepts("Bearer 0123456789abcdef-secret")).isTrue();
        assertThat(token.accepts("BEARER   0123456789abcdef-secret ")).isTrue();
        assertThat(token.accepts("Token 0123456789abcdef-secret")).isTrue();
        assertThat(token.accepts(null)).isFalse();
        assertThat(token.accepts("0123456789abcdef-secret")).isFalse();
        assertThat(token.accepts("Basic 0123456789abcdef-secret")).isFalse();
        assertThat(token.accepts("Bearer 0123456789abcdef-secre")).isFalse();
        assertThat(token.accepts("Bearer 0123456789abcdef-secretX")).isFalse();
        assertThat(token.accepts("Bearer ")).isFalse();
    }

    @Test
    void ownPagesAndCorsOriginsMayWriteOthersMayNot() {
        WriteOrigins origins = new WriteOrigins(Set.of("https://ops.example.com"));

        assertThat(origins.mayWrite(null, "127.0.0.1:4567")).isTrue();
        assertThat(origins.mayWrite("http://127.0.0.1:4567", "127.0.0.1:4567")).isTrue();
        assertThat(origins.mayWrite("https://Dash.Example.com", "dash.example.com")).isTrue();
        assertThat(origins.mayWrite("https://dash.example.com", "dash.example.com:443")).isTrue();
        assertThat(origins.mayWrite("http://dash.example.com", "dash.example.com")).isTrue();
        assertThat(origins.mayWrite("http://[::1]:4567", "[::1]:4567")).isTrue();
        assertThat(origins.mayWrite("https://ops.example.com", "api.internal:4567")).isTrue();

        assertThat(origins.mayWrite("http://127.0.0.1:4568", "127.0.0.1:4567")).isFalse();
        assertThat(origins.mayWrite("https://dash.example.com", "dash.example.com:80")).isFalse();
        assertThat(origins.mayWrite("http://evil.example", "127.0.0.1:4567")).isFalse();
        assertThat(origins.mayWrite("null", "127.0.0.1:4567")).isFalse();
        assertThat(origins.mayWrite("http://127.0.0.1:4567/", "127.0.0.1:4567")).isFalse();
        assertThat(origins.mayWrite("http://127.0.0.1:4567", null)).isFalse();
        assertThat(origins.mayWrite("https://ops.example.com:443", "x")).isFalse();
    }

    @Test
    void onlyJsonIsAWriteBody() {
        assertThat(WriteAccess.isJson("application/json")).isTrue();
        assertThat(WriteAccess.isJson("application/json; charset=utf-8")).isTrue();
        assertThat(WriteAccess.isJson(" Application/JSON ;charset=UTF-8")).isTrue();
        assertThat(WriteAccess.isJson(null)).isFalse();
        assertThat(WriteAccess.isJson("text/plain")).isFalse();
        assertThat(WriteAccess.isJson("application/json-seq")).isFalse();
        assertThat(WriteAccess.isJson("application/x-www-form-urlencoded")).isFalse();
    }
}
