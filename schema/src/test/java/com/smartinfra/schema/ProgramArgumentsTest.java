package com.smartinfra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.schema.ProgramArguments.Option;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProgramArgumentsTest {
    private static final Set<String> FLAGS = Set.of("--fast");

    @Test
    void readsBothFormsAndFlagsInOrder() {
        assertThat(
                        ProgramArguments.parse(
                                new String[] {"--hosts", "10", "--fast", "--seed=7", "--x="},
                                n -> !n.equals("--verbose"),
                                FLAGS::contains))
                .containsExactly(
                        new Option("--hosts", "10", false),
                        new Option("--fast", null, false),
                        new Option("--seed", "7", true),
                        new Option("--x", "", true));
    }

    @Test
    void refusesWhatIsNoOptionAndNamesIt() {
        assertThatThrownBy(
                        () ->
                                ProgramArguments.parse(
                                        new String[] {"hosts"},
                                        n -> !n.equals("--verbose"),
                                        FLAGS::contains))
                .hasMessageStartingWith("unexpected argument 'hosts'");
        assertThatThrownBy(
                        () ->
                                ProgramArguments.parse(
                                        new String[] {"--"},
                                        n -> !n.equals("--verbose"),
                                        FLAGS::contains))
                .hasMessageStartingWith("unexpected argument '--'");
        assertThatThrownBy(
                        () ->
                                ProgramArguments.parse(
                                        new String[] {"--hosts"},
                                        n -> !n.equals("--verbose"),
                                        FLAGS::contains))
                .hasMessage("option --hosts needs a value");
        assertThatThrownBy(
                        () ->
                                ProgramArguments.parse(
                                        new String[] {"--hosts", "--fast"},
                                        n -> !n.equals("--verbose"),
                                        FLAGS::contains))
                .hasMessage("option --hosts needs a value");
        assertThatThrownBy(
                        () ->
                                ProgramArguments.parse(
                                        new String[] {"--fast=1"},
                                        n -> !n.equals("--verbose"),
                                        FLAGS::contains))
                .hasMessage("option --fast takes no value");
        assertThatThrownBy(
                        () ->
                                ProgramArguments.parse(
                                        new String[] {"--verbose"},
                                        n -> !n.equals("--verbose"),
                                        FLAGS::contains))
                .hasMessage("unknown option '--verbose'");
    }
}
