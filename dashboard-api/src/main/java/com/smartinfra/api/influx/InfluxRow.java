package com.smartinfra.api.influx;

import com.influxdb.query.InfluxQLQueryResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of an InfluxQL answer: its columns by name, and the tags of its series (a {@code GROUP BY
 * "host"} puts the host there rather than in a column). Absent values read as null or NaN.
 */
public final class InfluxRow {
    public static final String TIME = "time";

    private final Map<String, String> tags;
    private final Map<String, Integer> columns;
    private final Object[] values;

    private InfluxRow(Map<String, String> tags, Map<String, Integer> columns, Object[] values) {
        this.tags = tags;
        this.columns = columns;
        this.values = values;
    }

    static List<InfluxRow> of(InfluxQLQueryResult result) {
        List<InfluxRow> rows = new ArrayList<>();
        for (InfluxQLQueryResult.Result r : result.getResults()) {
            for (InfluxQLQueryResult.Series series : r.getSeries()) {
                Map<String, String> tags =
                        series.getTags() == null ? Collections.emptyMap() : series.getTags();
                for (InfluxQLQueryResult.Series.Record record : series.getValues()) {
                    rows.add(new InfluxRow(tags, series.getColumns(), record.getValues()));
                }
            }
        }
        return rows;
    }

    /** Column names of this row's series (tags not included). */
    public Set<String> columns() {
        return columns.keySet();
    }

    /** A column's value, else the series tag of that name; null when absent or empty. */
    public String text(String name) {
        Integer i = columns.get(name);
        if (i != null && i < values.length && values[i] != null) {
            String v = values[i].toString();
            if (!v.isEmpty()) {
                return v;
            }
        }
        String tag = tags.get(name);
        return tag == null || tag.isEmpty() ? null : tag;
    }

    /** A numeric column; NaN when absent or not a finite number (a string a writer slipped in). */
    public double number(String name) {
        String v = text(name);
        if (v == null) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** An integer column, or {@code absent} when missing or not an integer. */
    public long integer(String name, long absent) {
        String v = text(name);
        if (v == null) {
            return absent;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            double d = number(name);
            return Double.isNaN(d) || d != Math.rint(d) ? absent : (long) d;
        }
    }

    /** The row's time in epoch milliseconds (queries run at millisecond precision); -1 if none. */
    public long time() {
        return integer(TIME, -1);
    }
}
