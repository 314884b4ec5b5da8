package com.smartinfra.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.schema.Sample;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IngestRouteTest {
    private static String withHost(String body) {
        return new String(
                IngestRoute.withHost(body.getBytes(StandardCharsets.UTF_8), "db-01"),
                StandardCharsets.UTF_8);
    }

    @Test
    void insertsTheHostAfterTheOpeningBrace() {
        assertThat(withHost("{\"cpu\":1}")).isEqualTo("{\"host\":\"db-01\",\"cpu\":1}");
        assertThat(withHost(" \n{ \"cpu\":1}")).isEqualTo(" \n{\"host\":\"db-01\", \"cpu\":1}");
        assertThat(withHost("{}")).isEqualTo("{\"host\":\"db-01\"}");
        assertThat(withHost("{ }")).isEqualTo("{\"host\":\"db-01\" }");
    }

    @Test
    void leavesAnythingButAnObjectToTheParser() {
        assertThat(withHost("[1]")).isEqualTo("[1]");
        assertThat(withHost("")).isEqualTo("");
        assertThat(withHost("  ")).isEqualTo("  ");
    }

    @Test
    void theQueryHostFillsInOrMustAgree() throws Exception {
        String body = "{\"timestamp\":1750000000000,\"cpu\":1,\"memory\":2,\"disk\":3}";
        Sample s = IngestRoute.parse(body.getBytes(StandardCharsets.UTF_8), "db-01");
        assertThat(s.host).isEqualTo("db-01");

        String withHost = "{\"host\":\"db-01\"," + body.substring(1);
        assertThat(IngestRoute.parse(withHost.getBytes(StandardCharsets.UTF_8), "db-01").host)
                .isEqualTo("db-01");
        assertThatThrownBy(
                        () -> IngestRoute.parse(withHost.getBytes(StandardCharsets.UTF_8), "db-02"))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("host 'db-01' in the body differs from ?host=db-02");
    }
}
