package com.smartinfra.job.alert;

import com.smartinfra.job.metrics.LabelledCounters;
import java.util.function.IntSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/** What the Slack delivery operator shows in Flink's metrics (README "Operating" lists them). */
final class SlackDeliveryMetrics {
    final Counter sent;
    final Counter retries;
    final Counter notDelivered;
    final Counter alreadyDelivered;

    /** Delivery reports by status (sent, pending, silenced, rejected, dropped, ...). */
    final LabelledCounters reports;

    SlackDeliveryMetrics(MetricGroup group, IntSupplier outboxSize) {
        sent = group.counter("slackMessagesSent");
        retries = group.counter("slackRetries");
        notDelivered = group.counter("slackMessagesNotDelivered");
        alreadyDelivered = group.counter("slackMessagesAlreadyDelivered");
        group.gauge("slackOutboxSize", (Gauge<Integer>) outboxSize::getAsInt);
        reports = new LabelledCounters(group, "status", "alerts");
    }
}
