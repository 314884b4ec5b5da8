package com.smartinfra.job.alert;

import static com.smartinfra.job.alert.Alerts.T0;
import static com.smartinfra.job.alert.Alerts.item;
import static com.smartinfra.job.alert.Alerts.notification;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fleet stage's decisions, in event time moved by hand (the watermark). */
class FleetIncidentsTest {
    private static final long S = 1000;

    /** The default alert.fleet.wait. */
    private static final long WAIT = 10 * S;

    private final List<Notification> out = new ArrayList<>();
    private final FleetState state = new FleetState();
    private FleetIncidents fleet = new FleetIncidents(Alerts.config(Map.of(ENABLED, "true")));

    private static final String ENABLED = "alert.fleet.enabled";

    private void configure(Map<String, String> settings) {
        Map<String, String> s = new java.util.HashMap<>(Map.of(ENABLED, "true"));
        s.putAll(settings);
        fleet = new FleetIncidents(Alerts.config(s));
    }

    private static Notification firing(String host, long t) {
        return notification(host + "#0", item(host, Causes.CPU, NotificationKind.FIRING, t));
    }

    private static Notification resolved(String host, long since, long t) {
        AlertItem i = item(host, Causes.CPU, NotificationKind.RESOLVED, t);
        i.since = since;
        i.sequence = 1;
        return notification(host + "#1", i);
    }

    /**
     * {@code n} arrives, decided by the lifecycle at {@code now}; then the watermark reaches {@code
     * now}, as the lifecycle forwards it after its messages.
     */
    private void offer(Notification n, long now) {
        n.decidedAt = now;
        fleet.onNotification(state, n, out::add);
        fleet.onTime(state, now, out::add);
    }

    /** {@code n} arrives, decided at {@code decidedAt}; the watermark does not move. */
    private void arrive(Notification n, long decidedAt) {
        n.decidedAt = decidedAt;
        fleet.onNotification(state, n, out::add);
    }

    private void at(long now) {
        fleet.onTime(state, now, out::add);
    }

    private static List<String> hostsOf(Notification n) {
        List<String> hosts = new ArrayList<>();
        for (AlertItem i : n.items) {
            hosts.add(i.host);
        }
        return hosts;
    }

    @Test
    void hostsPagingTogetherGoOutAsOneFleetMessageWithEveryHostsNotifications() {
        offer(firing("web-01", T0), T0);
        offer(firing("db-01", T0 + 3 * S), T0 + 3 * S);
        offer(firing("cache-01", T0 + 6 * S), T0 + 6 * S);
        assertThat(out).as("held for alert.fleet.wait").isEmpty();

        at(T0 + WAIT);

        assertThat(out).hasSize(1);
        Notification n = out.get(0);
        assertThat(n.fleetStage).isEqualTo(FleetStage.OPENED);
        assertThat(n.fleetIncident).isEqualTo(FleetMessages.incidentId("web-01", T0));
        assertThat(n.fleetHosts).containsExactly("web-01", "db-01", "cache-01");
        assertThat(hostsOf(n)).containsExactly("web-01", "db-01", "cache-01");
        assertThat(n.id).isEqualTo(n.fleetIncident + "#1");
        assertThat(fleet.nextWake(state))
                .as("only the day-long safety net")
                .isGreaterThan(T0 + 3600 * S);
    }

    @Test
    void fewerHostsThanTheMinimumGoOutAloneAfterTheWaitUnchanged() {
        Notification a = firing("web-01", T0);
        Notification b = firing("db-01", T0 + 3 * S);
        offer(a, T0);
        offer(b, T0 + 3 * S);
        at(T0 + WAIT - S);
        assertThat(out).isEmpty();
        at(T0 + WAIT);
        assertThat(out).containsExactly(a);
        at(T0 + 3 * S + WAIT);
        assertThat(out).containsExactly(a, b);
        assertThat(b.fleetStage).isNull();
    }

    @Test
    void aThirdHostWithinTheWindowOpensAnIncidentListingTheHostsThatAlreadyPagedAlone() {
        offer(firing("web-01", T0), T0);
        offer(firing("db-01", T0), T0);
        at(T0 + WAIT);
        assertThat(out).hasSize(2);

        offer(firing("cache-01", T0 + 40 * S), T0 + 40 * S);
        at(T0 + 40 * S + WAIT);

        assertThat(out).hasSize(3);
        Notification n = out.get(2);
        assertThat(n.fleetStage).isEqualTo(FleetStage.OPENED);
        assertThat(n.fleetHosts).containsExactly("web-01", "db-01", "cache-01");
        assertThat(hostsOf(n)).containsExactly("web-01", "db-01", "cache-01");
        // web-01 and db-01 paged in their own messages: listed again, recorded once (theirs)
        assertThat(n.items)
                .extracting(i -> i.host + " " + i.relisted)
                .containsExactly("web-01 true", "db-01 true", "cache-01 false");
    }

    @Test
    void aHostPagingAfterTheWindowIsNotPartOfIt() {
        offer(firing("web-01", T0), T0);
        offer(firing("db-01", T0), T0);
        at(T0 + WAIT);
        offer(firing("cache-01", T0 + 61 * S), T0 + 61 * S);
        at(T0 + 61 * S + WAIT);
        assertThat(out).hasSize(3);
        assertThat(out).allSatisfy(n -> assertThat(n.fleetStage).isNull());
    }

    @Test
    void membersResolvingAreFoldedIntoOneResolveWhenTheLastAlertIsOver() {
        for (String h : List.of("web-01", "db-01", "cache-01")) {
            offer(firing(h, T0), T0);
        }
        at(T0 + WAIT);
        offer(resolved("web-01", T0, T0 + 90 * S), T0 + 90 * S);
        offer(resolved("db-01", T0, T0 + 93 * S), T0 + 93 * S);
        assertThat(out).as("resolves of members wait for the last one").hasSize(1);

        offer(resolved("cache-01", T0, T0 + 99 * S), T0 + 99 * S);

        assertThat(out).hasSize(2);
        Notification n = out.get(1);
        assertThat(n.fleetStage).isEqualTo(FleetStage.RESOLVED);
        assertThat(hostsOf(n)).containsExactly("web-01", "db-01", "cache-01");
        assertThat(n.items)
                .allSatisfy(i -> assertThat(i.kind).isEqualTo(NotificationKind.RESOLVED));
        assertThat(state.open).isEmpty();
    }

    @Test
    void aLateHostWithinTheWindowJoinsTheOpenIncidentAsOneUpdate() {
        for (String h : List.of("web-01", "db-01", "cache-01")) {
            offer(firing(h, T0), T0);
        }
        at(T0 + WAIT);
        // decided at the same event time: they join together
        offer(firing("worker-01", T0 + 30 * S), T0 + 30 * S);
        offer(firing("queue-01", T0 + 30 * S), T0 + 30 * S);
        at(T0 + 30 * S + WAIT);

        assertThat(out).hasSize(2);
        Notification update = out.get(1);
        assertThat(update.fleetStage).isEqualTo(FleetStage.UPDATE);
        assertThat(update.fleetIncident).isEqualTo(out.get(0).fleetIncident);
        assertThat(update.id).isEqualTo(update.fleetIncident + "#2");
        assertThat(update.fleetHosts)
                .containsExactly("web-01", "db-01", "cache-01", "worker-01", "queue-01");
        assertThat(hostsOf(update)).containsExactly("worker-01", "queue-01");
    }

    @Test
    void anotherAlertOfAMemberDoesNotOpenAnIncidentAndReachesSlackWithinAWindow() {
        for (String h : List.of("web-01", "db-01", "cache-01")) {
            offer(firing(h, T0), T0);
        }
        at(T0 + WAIT);
        AlertItem memory = item("web-01", Causes.MEMORY, NotificationKind.FIRING, T0 + 30 * S);
        offer(notification("web-01#2", memory), T0 + 30 * S);
        at(T0 + 60 * S);
        assertThat(out).as("it rides along for up to a window (1 min)").hasSize(1);

        at(T0 + 90 * S);
        assertThat(out).hasSize(2);
        Notification update = out.get(1);
        assertThat(update.fleetStage).isEqualTo(FleetStage.UPDATE);
        assertThat(update.id).isEqualTo(out.get(0).fleetIncident + "#2");
        assertThat(update.items).containsExactly(memory);

        for (String h : List.of("web-01", "db-01", "cache-01")) {
            offer(resolved(h, T0, T0 + 100 * S), T0 + 100 * S);
        }
        assertThat(out).as("web-01 memory still firing").hasSize(2);
        AlertItem memoryResolved =
                item("web-01", Causes.MEMORY, NotificationKind.RESOLVED, T0 + 120 * S);
        memoryResolved.since = memory.since;
        offer(notification("web-01#3", memoryResolved), T0 + 120 * S);

        assertThat(out).hasSize(3);
        assertThat(out.get(2).fleetStage).isEqualTo(FleetStage.RESOLVED);
        assertThat(out.get(2).items).contains(memoryResolved);
        assertThat(hostsOf(out.get(2))).contains("web-01", "db-01", "cache-01");
    }

    /**
     * On a busy fleet an incident may never end: a member whose alerts are over leaves it, its
     * resolve reaches Slack within a window, and its next page is a page of its own again.
     */
    @Test
    void aMemberWhoseAlertsResolvedLeavesAndPagesAgainOnItsOwn() {
        for (String h : List.of("web-01", "db-01", "cache-01")) {
            offer(firing(h, T0), T0);
        }
        at(T0 + WAIT);
        offer(resolved("web-01", T0, T0 + 90 * S), T0 + 90 * S);
        at(T0 + 150 * S);
        assertThat(out).hasSize(2);
        assertThat(out.get(1).fleetStage).isEqualTo(FleetStage.UPDATE);
        assertThat(out.get(1).items)
                .singleElement()
                .satisfies(i -> assertThat(i.kind).isEqualTo(NotificationKind.RESOLVED));

        Notification again = firing("web-01", T0 + 600 * S);
        offer(again, T0 + 600 * S);
        at(T0 + 600 * S + WAIT);

        assertThat(out).hasSize(3);
        assertThat(out.get(2).fleetStage).as("a host message, not the fleet's").isNull();
        assertThat(out.get(2).items).containsExactly(again.items);
        assertThat(state.open).as("db-01 and cache-01 still fire").hasSize(1);
    }

    /**
     * The fault suite's order check: an alert's successor never reaches Slack before its resolve.
     */
    @Test
    void aHostThatLeftPagesAgainOnlyAfterWhatItLeftRidingAlong() {
        for (String h : List.of("web-01", "db-01", "cache-01")) {
            offer(firing(h, T0), T0);
        }
        at(T0 + WAIT);
        offer(resolved("web-01", T0, T0 + 90 * S), T0 + 90 * S);
        assertThat(out).as("the resolve rides along").hasSize(1);

        Notification again = firing("web-01", T0 + 100 * S);
        offer(again, T0 + 100 * S);
        at(T0 + 100 * S + WAIT);

        assertThat(out).hasSize(3);
        assertThat(out.get(1).fleetStage).isEqualTo(FleetStage.UPDATE);
        assertThat(out.get(1).items)
                .singleElement()
                .satisfies(i -> assertThat(i.kind).isEqualTo(NotificationKind.RESOLVED));
        assertThat(out.get(2).items).containsExactly(again.items);
    }

    @Test
    void notificationsThatAreOnlyRecordedPassAtOnce() {
        AlertItem warning = item("web-01", Causes.MODEL, NotificationKind.FIRING, T0);
        warning.warning = true;
        Notification n = notification("web-01#0", warning);
        offer(n, T0);
        assertThat(out).containsExactly(n);
    }

    @Test
    void aMessageOfAHeldHostWaitsBehindItsFirstPage() {
        Notification first = firing("web-01", T0);
        Notification resolve = resolved("web-01", T0, T0 + 5 * S);
        offer(first, T0);
        offer(resolve, T0 + 5 * S);
        assertThat(out).isEmpty();
        at(T0 + WAIT);
        assertThat(out).containsExactly(first, resolve);
    }

    @Test
    void switchedOffEverythingPassesAtOnce() {
        configure(Map.of("alert.fleet.enabled", "false"));
        for (String h : List.of("web-01", "db-01", "cache-01")) {
            offer(firing(h, T0), T0);
        }
        assertThat(out).hasSize(3);
        assertThat(out).allSatisfy(n -> assertThat(n.fleetStage).isNull());
    }

    @Test
    void theEndOfABoundedInputDecidesWhatIsHeld() {
        for (String h : List.of("web-01", "db-01", "cache-01")) {
            offer(firing(h, T0), T0);
        }
        fleet.endOfInput(state, out::add);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).fleetStage).isEqualTo(FleetStage.OPENED);
        assertThat(state.held).isEmpty();
    }

    @Test
    void minHostsIsASetting() {
        Map<String, String> settings = new HashMap<>();
        settings.put("alert.fleet.min-hosts", "2");
        configure(settings);
        offer(firing("web-01", T0), T0);
        offer(firing("db-01", T0), T0);
        at(T0 + WAIT);
        assertThat(out).hasSize(1);
        assertThat(Arrays.asList(out.get(0).fleetHosts)).containsExactly("web-01", "db-01");
    }

    @Test
    void theDecisionFollowsEventTimeWhateverOrderTheMessagesArriveIn() {
        // the lifecycle's subtasks are not in step: cache-01 (decided at +4 s) arrives first
        arrive(firing("cache-01", T0 + 4 * S), T0 + 4 * S);
        arrive(firing("db-01", T0 + 2 * S), T0 + 2 * S);
        arrive(firing("web-01", T0), T0);
        fleet.onTime(state, T0 + WAIT - 1, out::add);
        assertThat(out).as("event time has not reached the wait").isEmpty();

        fleet.onTime(state, T0 + WAIT, out::add);

        assertThat(out).hasSize(1);
        Notification n = out.get(0);
        assertThat(n.fleetHosts)
                .as("in event-time order")
                .containsExactly("web-01", "db-01", "cache-01");
        assertThat(n.fleetIncident).isEqualTo(FleetMessages.incidentId("web-01", T0));
        assertThat(n.decidedAt).isEqualTo(T0 + WAIT);
    }

    @Test
    void messagesDecidedAtTheSameTimeAreTakenInHostOrderNotArrivalOrder() {
        Map<String, String> settings = new HashMap<>();
        settings.put("alert.fleet.min-hosts", "2");
        configure(settings);
        arrive(firing("web-01", T0), T0);
        arrive(firing("db-01", T0), T0);
        fleet.onTime(state, T0 + WAIT, out::add);
        List<Notification> first = new ArrayList<>(out);

        out.clear();
        FleetState other = new FleetState();
        for (String h : List.of("db-01", "web-01")) {
            Notification n = firing(h, T0);
            fleet.onNotification(other, n, out::add);
        }
        fleet.onTime(other, T0 + WAIT, out::add);

        assertThat(out).hasSize(1);
        assertThat(out.get(0).id).isEqualTo(first.get(0).id);
        assertThat(out.get(0).fleetHosts).containsExactly(first.get(0).fleetHosts);
    }

    @Test
    void messageIdsAreTheIncidentsIdentityAndThePlaceInIt() {
        for (String h : List.of("web-01", "db-01", "cache-01")) {
            offer(firing(h, T0), T0);
        }
        at(T0 + WAIT);
        offer(firing("worker-01", T0 + 30 * S), T0 + 30 * S);
        at(T0 + 30 * S + WAIT);
        for (String h : List.of("web-01", "db-01", "cache-01", "worker-01")) {
            offer(resolved(h, h.equals("worker-01") ? T0 + 30 * S : T0, T0 + 90 * S), T0 + 90 * S);
        }
        // a second incident of other hosts, later
        for (String h : List.of("a-01", "b-01", "c-01")) {
            offer(firing(h, T0 + 600 * S), T0 + 600 * S);
        }
        at(T0 + 600 * S + WAIT);

        assertThat(out)
                .extracting(n -> n.fleetStage + " " + n.id)
                .containsExactly(
                        "OPENED " + FleetMessages.incidentId("web-01", T0) + "#1",
                        "UPDATE " + FleetMessages.incidentId("web-01", T0) + "#2",
                        "RESOLVED " + FleetMessages.incidentId("web-01", T0) + "#3",
                        "OPENED " + FleetMessages.incidentId("a-01", T0 + 600 * S) + "#1");
        // what the Slack text and the fault suite read as a message id: [A-Za-z0-9._-]+#n
        assertThat(out).allSatisfy(n -> assertThat(n.id).matches("fleet-[0-9a-f]{12}#[0-9]+"));
    }

    @Test
    void aWallClockMessageNoDataPassesAtOnceAndTakesNoPart() {
        offer(firing("web-01", T0), T0);
        offer(firing("db-01", T0), T0);
        AlertItem silent = item("cache-01", Causes.NO_DATA, NotificationKind.FIRING, T0 + S);
        Notification noData = notification("cache-01#0", silent);
        noData.decidedAt = -1; // the lifecycle's dead-man check, on the wall clock

        fleet.onNotification(state, noData, out::add);

        assertThat(out).as("not held, not waiting for event time").containsExactly(noData);
        at(T0 + WAIT);
        assertThat(out).as("it does not count towards a fleet incident").hasSize(3);
        assertThat(out).allSatisfy(n -> assertThat(n.fleetStage).isNull());
    }

    @Test
    void aStalledWatermarkIsGivenUpOnByDecidingTheNextDecisionAtOnce() {
        for (String h : List.of("web-01", "db-01", "cache-01")) {
            offer(firing(h, T0), T0);
        }
        assertThat(fleet.nextDecision(state)).isEqualTo(T0 + WAIT);

        fleet.decideNext(state, out::add);

        assertThat(out).hasSize(1);
        assertThat(out.get(0).fleetStage).isEqualTo(FleetStage.OPENED);
        assertThat(fleet.nextDecision(state))
                .as("the day-long safety net is no decision to force")
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aStalledWatermarkFirstTakesEverythingThatArrivedThenDecidesTheWait() {
        arrive(firing("web-01", T0), T0);
        arrive(firing("db-01", T0 + 2 * S), T0 + 2 * S);
        arrive(firing("cache-01", T0 + 4 * S), T0 + 4 * S);

        fleet.decideNext(state, out::add);
        assertThat(state.arrived).as("all taken, in event-time order").isEmpty();
        assertThat(out).as("held for the wait").isEmpty();

        fleet.decideNext(state, out::add);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).fleetHosts).containsExactly("web-01", "db-01", "cache-01");
    }
}
