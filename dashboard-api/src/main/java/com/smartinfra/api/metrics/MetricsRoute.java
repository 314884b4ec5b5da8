package com.smartinfra.api.metrics;

import com.smartinfra.api.http.JsonResponses;
import com.smartinfra.schema.Sample;
import java.util.List;
import spark.Request;
import spark.Response;
import spark.Route;

/** {@code GET /metrics}: query string to {@link MetricsQuery}, reader, JSON. */
public final class MetricsRoute implements Route {
    private final MetricsRequestParser parser;
    private final MetricsReader reader;

    public MetricsRoute(MetricsRequestParser parser, MetricsReader reader) {
        this.parser = parser;
        this.reader = reader;
    }

    @Override
    public Object handle(Request req, Response res) throws Exception {
        MetricsQuery query = parser.parse(req.raw().getParameterMap());
        List<Sample> samples = reader.read(query);
        return JsonResponses.send(res, 200, MetricsJson.samples(samples));
    }
}
