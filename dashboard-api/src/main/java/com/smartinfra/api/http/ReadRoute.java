package com.smartinfra.api.http;

import com.smartinfra.api.influx.InfluxUnavailableException;
import java.util.Map;
import java.util.function.Function;
import spark.Request;
import spark.Response;
import spark.Route;

/**
 * A {@code GET} that reads: the query string to a validated query ({@code 400} when bad), the query
 * to InfluxDB ({@code 503} when it does not answer), the result to a {@code 200} JSON answer.
 */
public final class ReadRoute<Q, R> implements Route {
    private final Parser<Q> parser;
    private final Reader<Q, R> reader;
    private final Function<R, byte[]> json;

    public ReadRoute(Parser<Q> parser, Reader<Q, R> reader, Function<R, byte[]> json) {
        this.parser = parser;
        this.reader = reader;
        this.json = json;
    }

    @Override
    public Object handle(Request req, Response res) throws Exception {
        Q query = parser.parse(QueryParams.decode(req.raw().getQueryString()));
        return JsonResponses.send(res, 200, json.apply(reader.read(query)));
    }

    /** Turns the servlet-style parameter map into a query, or says what is wrong with it. */
    @FunctionalInterface
    public interface Parser<Q> {
        Q parse(Map<String, String[]> raw) throws BadRequestException;
    }

    /** Answers a query from InfluxDB, or refuses one that would answer too much. */
    @FunctionalInterface
    public interface Reader<Q, R> {
        R read(Q query) throws InfluxUnavailableException, BadRequestException;
    }
}
