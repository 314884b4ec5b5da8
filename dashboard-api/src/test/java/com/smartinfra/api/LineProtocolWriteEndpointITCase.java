package com.smartinfra.api;

import static com.smartinfra.api.ApiHttp.get;
import static com.smartinfra.api.ApiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import com.influxdb.exceptions.BadRequestException;
import com.influxdb.exceptions.UnauthorizedException;
import com.smartinfra.schema.RealHostMetrics;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v2/write} with the real API, the real Kafka broker of {@link KafkaTestBroker},
 * the unmodified influxdb-client-java as the writer, and recorded Telegraf output (hand-written in
 * Telegraf's documented format, {@code telegraf/linux-host.lp}) sent as Telegraf sends it: gzipped,
 * {@code Authorization: Token}.
 */
class LineProtocolWriteEndpointITCase {
    /** 2025-06-24T16:42:00Z */
    private static final long NOW = 1_750_783_320_000L;

    private static final String TOKEN = "line-protocol-test-token";

    private static DashboardApi api;
    private static DashboardApi withoutToken;
    private static String topic;

    @BeforeAll
    static void start() {
        topic = KafkaTestBroker.uniqueTopic("line-protocol");
        KafkaTestBroker.createTopics(1, topic);
        String db = InfluxDbTestServer.createDatabase("lineprotocol");
        String[] kafka = {
            ApiConfig.KAFKA_BOOTSTRAP_SERVERS,
            KafkaTestBroker.bootstrapServers(),
            ApiConfig.METRICS_TOPIC,
            topic
        };
        api =
                TestInflux.start(
                        db,
                        NOW,
                        kafka[0],
                        kafka[1],
                        kafka[2],
                        kafka[3],
                        ApiConfig.API_TOKEN,
                        TOKEN,
                        // the client's writes and the test's: no 429 in between
                        ApiConfig.API_WRITE_BURST,
                        "1000");
        withoutToken = TestInflux.start(db, NOW, kafka);
    }

    @AfterAll
    static void stop() {
        for (DashboardApi a : new DashboardApi[] {api, withoutToken}) {
            if (a != null) {
                a.close();
            }
        }
    }

    /** The samples on the topic, decoded, in order. */
    private static List<Sample> samples(int expected) throws Exception {
        List<Sample> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KafkaTestBroker.consume(
                        topic, expected, Duration.ofSeconds(30), Duration.ofSeconds(1))) {
            Sample s = SampleJson.parse(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(s.host);
            out.add(s);
        }
        return out;
    }

    @Test
    void influxDbClientJavaWritesAndTelegrafsRecordedOutputBecomeSamplesOnTheTopic()
            throws Exception {
        // 1. the unmodified InfluxDB v2 client, as any application would use it
        Instant t = Instant.ofEpochMilli(NOW - 60_000);
        try (InfluxDBClient client =
                InfluxDBClientFactory.create(
                        api.url(), TOKEN.toCharArray(), "my-org", "my-bucket")) {
            WriteApiBlocking writes = client.getWriteApiBlocking();
            writes.writePoints(
                    List.of(
                            Point.measurement("cpu")
                                    .addTag("host", "db-42")
                                    .addTag("cpu", "cpu-total")
                                    .addField("usage_idle", 70.0)
                                    .addField("usage_iowait", 5.0)
                                    .time(t, WritePrecision.NS),
                            Point.measurement("mem")
                                    .addTag("host", "db-42")
                                    .addField("used_percent", 64.5)
                                    .time(t, WritePrecision.NS),
                            Point.measurement("disk")
                                    .addTag("host", "db-42")
                                    .addTag("path", "/")
                                    .addTag("fstype", "ext4")
                                    .addField("used_percent", 91.25)
                                    .time(t, WritePrecision.NS)));
            // what cannot be mapped: the client gets InfluxDB's error answer
            assertThatThrownBy(
                            () ->
                                    writes.writeRecord(
                                            WritePrecision.S,
                                            "system,host=db-42 load1=0.5 " + (NOW / 1000)))
                    .isInstanceOf(BadRequestException.class)
                    .hasMessageContaining(
                            "partial write: 1 line not mapped, 0 samples accepted: line 1:"
                                    + " measurement 'system' is not mapped");
        }
        List<Sample> fromClient = samples(1);
        assertThat(fromClient).hasSize(1);
        Sample db = fromClient.get(0);
        assertThat(db.host).isEqualTo("db-42");
        assertThat(db.timestamp).isEqualTo(t.toEpochMilli());
        assertThat(db.cpu).isEqualTo(25.0);
        assertThat(db.memory).isEqualTo(64.5);
        assertThat(db.disk).isEqualTo(91.25);
        assertThat(db.injected).isNull();

        // 2. Telegraf's output, as outputs.influxdb_v2 sends it: gzip, Token, no precision
        byte[] recorded;
        try (InputStream in = getClass().getResourceAsStream("/telegraf/linux-host.lp")) {
            recorded = in.readAllBytes();
        }
        HttpResponse<String> r = telegraf(api, recorded, "Token " + TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        List<Sample> all = samples(3);
        assertThat(all).hasSize(3);
        Sample second = all.get(2);
        assertThat(second.host).isEqualTo("web-07");
        assertThat(second.cpu).isEqualTo(35.0);
        assertThat(second.memory).isEqualTo(37.19);
        assertThat(second.disk).isEqualTo(82.02);
        assertThat(second.extra(RealHostMetrics.DISK_IO)).isEqualTo(5.0);
        assertThat(second.extra(RealHostMetrics.NET_IO)).isEqualTo(12.0);

        // 3. Bearer is taken too; a bad line is named in InfluxDB's error format, the rest goes on
        HttpResponse<String> partial =
                telegraf(
                        api,
                        ("cpu,cpu=cpu-total,host=web-08 usage_idle=99 "
                                        + (NOW - 5000)
                                        + "000000\nmem,host=web-08 used_percent=1 "
                                        + (NOW - 5000)
                                        + "000000\ndisk,host=web-08,fstype=ext4,path=/"
                                        + " used_percent=2 "
                                        + (NOW - 5000)
                                        + "000000\nnet,host=web-08 bytes_recv=oops\n"
                                        + "cpu,cpu=cpu-total,host=web-08 usage_idle=1 1000000000")
                                .getBytes(StandardCharsets.UTF_8),
                        "Bearer " + TOKEN);
        assertThat(partial.statusCode()).isEqualTo(400);
        JsonNode error = json(partial);
        assertThat(error.get("code").asText()).isEqualTo("invalid");
        assertThat(error.get("message").asText())
                .startsWith(
                        "partial write: 2 lines not mapped, 1 sample accepted: line 4: field"
                                + " 'bytes_recv' has no valid value: 'oops'")
                .contains("line 5: field 'timestamp' is ");
        assertThat(samples(4)).extracting(s -> s.host).endsWith("web-08");

        // the counts of what came in
        JsonNode health = json(get(api, "/health")).get("line_protocol");
        assertThat(health.get("samples").asLong()).isEqualTo(4);
        assertThat(health.get("unmapped_lines").asLong()).isEqualTo(3);
    }

    @Test
    void writesNeedTheTokenAndAnApiWithoutOneRefusesThem() throws Exception {
        byte[] line =
                ("mem,host=x used_percent=1 " + NOW + "000000").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> wrong = telegraf(api, line, "Token not-the-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        try (InfluxDBClient client =
                InfluxDBClientFactory.create(api.url(), "wrong".toCharArray(), "o", "b")) {
            assertThatThrownBy(
                            () ->
                                    client.getWriteApiBlocking()
                                            .writeRecord(
                                                    WritePrecision.NS,
                                                    new String(line, StandardCharsets.UTF_8)))
                    .isInstanceOf(UnauthorizedException.class);
        }
        HttpResponse<String> open = telegraf(withoutToken, line, null);
        assertThat(open.statusCode()).isEqualTo(403);
        assertThat(json(open).get("error").asText())
                .startsWith("line protocol writes need the API token: set API_TOKEN");
        // a bucket is required, as InfluxDB requires it
        HttpResponse<String> noBucket =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(api.url() + "/api/v2/write?org=o"))
                                        .header("Authorization", "Token " + TOKEN)
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(line))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(noBucket.statusCode()).isEqualTo(400);
        assertThat(json(noBucket).get("message").asText())
                .isEqualTo("bucket is required (?bucket=)");
    }

    /** A POST as Telegraf's outputs.influxdb_v2 makes it (gzip, text/plain). */
    private static HttpResponse<String> telegraf(DashboardApi to, byte[] body, String authorization)
            throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(body);
        }
        HttpRequest.Builder b =
                HttpRequest.newBuilder(
                                URI.create(to.url() + "/api/v2/write?bucket=telegraf&org=my-org"))
                        .header("Content-Type", "text/plain; charset=utf-8")
                        .header("Content-Encoding", "gzip")
                        .header("User-Agent", "Telegraf/1.34.0 Go/1.24.0")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray()));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
