package com.smartinfra.api.anomalies;

import com.smartinfra.api.http.JsonResponses;
import spark.Request;
import spark.Response;
import spark.Route;

/** {@code GET /anomalies}. */
public final class AnomaliesRoute implements Route {
    private final AnomaliesRequestParser parser;
    private final AnomaliesReader reader;

    public AnomaliesRoute(AnomaliesRequestParser parser, AnomaliesReader reader) {
        this.parser = parser;
        this.reader = reader;
    }

    @Override
    public Object handle(Request req, Response res) throws Exception {
        AnomaliesQuery query = parser.parse(req.raw().getParameterMap());
        return JsonResponses.send(res, 200, AnomaliesJson.anomalies(reader.read(query)));
    }
}
