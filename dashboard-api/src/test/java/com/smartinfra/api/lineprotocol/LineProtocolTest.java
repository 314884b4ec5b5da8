package com.smartinfra.api.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import com.smartinfra.api.lineprotocol.LineProtocol.Parsed;
import com.smartinfra.api.lineprotocol.LineProtocol.Precision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The line protocol parser against the specification's examples and its escaping rules. */
class LineProtocolTest {
    @Test
    void aLineWithTagsFieldsOfEveryTypeAndATimestamp() {
        Parsed p =
                LineProtocol.parse(
                        "weather,location=us-midwest,season=summer temperature=82,humidity=71i,"
                                + "count=18446744073709551615u,label=\"hot day\",raining=f,"
                                + "sunny=TRUE 1465839830100400200",
                        Precision.NS);
        assertThat(p.errors()).isEmpty();
        LinePoint pt = p.points().get(0);
        assertThat(pt.measurement()).isEqualTo("weather");
        assertThat(pt.tags())
                .containsExactly(
                        Map.entry("location", "us-midwest"), Map.entry("season", "summer"));
        assertThat(pt.fields())
                .containsEntry("temperature", 82.0)
                .containsEntry("humidity", 71L)
                .containsEntry("count", 1.8446744073709552E19)
                .containsEntry("label", "hot day")
                .containsEntry("raining", false)
                .containsEntry("sunny", true);
        assertThat(pt.timestampMs()).isEqualTo(1465839830100L);
        assertThat(pt.line()).isEqualTo(1);
    }

    @Test
    void escapesFollowTheSpecification() {
        Parsed p =
                LineProtocol.parse(
                        "my\\ meas\\,ure=x,tag\\ key\\=1=tag\\,value\\ 2 field\\=key\\ 1=\"say"
                                + " \\\"hi\\\" to C:\\\\dir\\n\",other\\,f=1.5e3",
                        Precision.NS);
        assertThat(p.errors()).isEmpty();
        LinePoint pt = p.points().get(0);
        assertThat(pt.measurement()).isEqualTo("my meas,ure=x");
        assertThat(pt.tags()).containsExactly(Map.entry("tag key=1", "tag,value 2"));
        // in a string only \" and \\ are escapes: "\n" stays a backslash and an n
        assertThat(pt.fields())
                .containsEntry("field=key 1", "say \"hi\" to C:\\dir\\n")
                .containsEntry("other,f", 1500.0);
        assertThat(pt.timestampMs()).as("no timestamp: the server's time").isNull();
    }

    @Test
    void whatTheOfficialInfluxDbClientWritesParsesBack() {
        Point point =
                Point.measurement("cpu load, \"peak\"")
                        .addTag("host", "web 01,eu=west")
                        .addTag("cpu", "cpu-total")
                        .addField("usage_idle", 12.5)
                        .addField("threads", 42L)
                        .addField("note", "a \"quoted\"\nline\\end")
                        .addField("ok", true)
                        .time(Instant.parse("2025-06-24T16:41:00.123Z"), WritePrecision.MS);
        Parsed p = LineProtocol.parse(point.toLineProtocol() + "\n", Precision.MS);
        assertThat(p.errors()).isEmpty();
        LinePoint pt = p.points().get(0);
        assertThat(pt.measurement()).isEqualTo("cpu load, \"peak\"");
        assertThat(pt.tags())
                .containsEntry("host", "web 01,eu=west")
                .containsEntry("cpu", "cpu-total");
        assertThat(pt.fields())
                .containsEntry("usage_idle", 12.5)
                .containsEntry("threads", 42L)
                .containsEntry("note", "a \"quoted\"\nline\\end")
                .containsEntry("ok", true);
        assertThat(pt.timestampMs())
                .isEqualTo(Instant.parse("2025-06-24T16:41:00.123Z").toEpochMilli());
    }

    @Test
    void precisionScalesTheTimestamp() {
        String line = "m f=1 1750783320";
        assertThat(LineProtocol.parse(line, Precision.S).points().get(0).timestampMs())
                .isEqualTo(1_750_783_320_000L);
        assertThat(LineProtocol.parse(line, Precision.MS).points().get(0).timestampMs())
                .isEqualTo(1_750_783_320L);
        assertThat(LineProtocol.parse(line, Precision.US).points().get(0).timestampMs())
                .isEqualTo(1_750_783L);
        assertThat(Precision.of(null)).isEqualTo(Precision.NS);
        assertThat(Precision.of("ms")).isEqualTo(Precision.MS);
    }

    @Test
    void badLinesAreReportedWithTheirNumberAndTheOthersStillParse() {
        String body =
                String.join(
                        "\r\n",
                        "# a comment",
                        "",
                        "ok,host=a f=1 1000000000",
                        "no_fields,host=a",
                        "bad_value f=12abc",
                        "bad_time f=1 soon",
                        "unclosed f=\"abc",
                        "also_ok g=2i");
        Parsed p = LineProtocol.parse(body, Precision.NS);
        assertThat(p.points()).extracting(LinePoint::measurement).containsExactly("ok");
        List<LineError> errors = p.errors();
        assertThat(errors).extracting(LineError::line).containsExactly(4, 5, 6, 7);
        assertThat(errors.get(0).message()).isEqualTo("missing fields after 'no_fields'");
        assertThat(errors.get(1).message()).startsWith("field 'f' has no valid value: '12abc'");
        assertThat(errors.get(2).message()).isEqualTo("timestamp 'soon' is not an integer");
        // an unclosed string runs to the end of the body, as in InfluxDB
        assertThat(errors.get(3).message()).isEqualTo("string value of 'f' has no closing quote");
    }

    @Test
    void emptyTagValuesAndKeysAreRefused() {
        Parsed p = LineProtocol.parse("m,host= f=1\nm,=x f=1\n,host=a f=1\nm f=", Precision.NS);
        assertThat(p.points()).isEmpty();
        assertThat(p.errors()).extracting(LineError::line).containsExactly(1, 2, 3, 4);
    }
}
