package com.smartinfra.job.config;

import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * Settings that belong together (one package's options), with a title and a sentence for the
 * configuration reference.
 */
public record OptionGroup(String title, String description, List<ConfigOption<?>> options) {
    public OptionGroup {
        options = List.copyOf(options);
    }
}
