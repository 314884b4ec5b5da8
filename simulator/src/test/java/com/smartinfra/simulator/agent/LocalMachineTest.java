package com.smartinfra.simulator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.HostName;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.simulator.realhost.HostReading;
import com.smartinfra.simulator.realhost.ProcTruth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The local agent ({@code --local}) reads this machine through OSHI; the sample it makes is checked
 * against the test's own reading of /proc taken around OSHI's ({@link ProcTruth}).
 */
class LocalMachineTest {
    @Test
    void aLocalSampleAgreesWithProcOnTheSameMachine() throws Exception {
        LocalMachine machine = new LocalMachine();
        ProcTruth before0 = ProcTruth.read("/");
        long t0 = System.currentTimeMillis();
        HostReading first = machine.read(t0);
        ProcTruth after0 = ProcTruth.read("/");
        Thread.sleep(1500);
        ProcTruth before1 = ProcTruth.read("/");
        long t1 = System.currentTimeMillis();
        HostReading second = machine.read(t1);
        ProcTruth after1 = ProcTruth.read("/");

        Sample s = second.sampleSince(first, machine.hostName(), Optional.of("/"));
        assertThat(s.host)
                .isEqualTo(
                        HostName.sanitize(
                                Files.readString(Path.of("/proc/sys/kernel/hostname")).trim()));
        assertThat(s.injected).as("a real host has no injected label").isNull();
        SampleJson.parse(SampleJson.toJson(s)); // valid on the wire
        List<ProcTruth.Check> checks =
                ProcTruth.check(s, t1 - t0, before0, after0, before1, after1);
        System.out.println("OSHI local agent vs /proc over " + (t1 - t0) + " ms:");
        checks.forEach(c -> System.out.println("  " + c));
    }
}
