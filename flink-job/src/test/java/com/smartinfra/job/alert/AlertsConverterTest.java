package com.smartinfra.job.alert;

import static com.smartinfra.job.alert.Alerts.T0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertsConverterTest {
    @Test
    void oneNotificationIsOnePointWithEscapedStringsAndNoUnknownNumbers() {
        AlertItem i = Alerts.item("web-01", "cpu", NotificationKind.RESOLVED, T0);
        i.explanation = "cpu \"hot\" on C:\\data\nsecond line";
        i.score = Double.NaN;
        String line =
                new AlertsConverter()
                        .apply(AlertDelivery.of(i, "web-01#4", AlertDelivery.SENT, 2, T0), null);
        assertThat(line)
                .startsWith("alerts,host=web-01,cause=cpu delivered=true,silenced=false,")
                .contains(",attempts=2i,since=" + (T0 - 120_000) + "i,")
                .contains(",id=\"web-01|cpu|" + (T0 - 120_000) + "|0\"")
                .contains(",message_id=\"web-01#4\",kind=\"resolved\",state=\"resolved\"")
                .contains(",status=\"sent\",value=92.3,threshold=85.0,")
                .contains(",explanation=\"cpu \\\"hot\\\" on C:\\\\data second line\"")
                .doesNotContain("score=")
                .endsWith(" " + T0);
        assertThat(line).doesNotContain("\n");
    }
}
