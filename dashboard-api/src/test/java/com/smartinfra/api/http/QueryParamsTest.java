package com.smartinfra.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryParamsTest {
    @Test
    void decodesTheQueryStringItself() throws Exception {
        assertThat(QueryParams.decode("host=web-01&x=a%2Bb+c&host=2&flag"))
                .hasEntrySatisfying("host", v -> assertThat(v).containsExactly("web-01", "2"))
                .hasEntrySatisfying("x", v -> assertThat(v).containsExactly("a+b c"))
                .hasEntrySatisfying("flag", v -> assertThat(v).containsExactly(""));
        assertThat(QueryParams.decode(null)).isEmpty();
        assertThat(QueryParams.decode("&&")).isEmpty();
    }

    @Test
    void badPercentEncodingIsABadRequest() {
        for (String bad : new String[] {"host=%zz", "%zz=1", "host=%", "a=%2", "x%=1"}) {
            assertThatThrownBy(() -> QueryParams.decode(bad))
                    .as(bad)
                    .isInstanceOf(BadRequestException.class)
                    .hasMessage("the query string is not valid percent-encoding");
        }
    }

    @Test
    void bytesThatAreNotUtf8NeverPassAHostCheck() throws Exception {
        QueryParams p = QueryParams.fromQueryString("host=%C3%28", Set.of("host"));
        assertThatThrownBy(() -> p.host("host"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("host must match");
    }
}
