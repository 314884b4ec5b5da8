package com.smartinfra.schema;

import java.util.List;
import java.util.Locale;

/**
 * Values copied from an example file ({@code .env.example}: {@code change-me...}, {@code <your
 * token>}) where a secret belongs. Every service refuses them at start, so a deployment never runs
 * on a token anyone can read in the repository.
 */
public final class SecretPlaceholders {
    private static final List<String> PREFIXES =
            List.of(
                    "change-me",
                    "change_me",
                    "changeme",
                    "replace-me",
                    "replace_me",
                    "replaceme",
                    "your-",
                    "your_",
                    "<",
                    "${");

    private SecretPlaceholders() {}

    /** True when {@code secret} looks like an example file's placeholder. */
    public static boolean isPlaceholder(String secret) {
        String lower = secret.strip().toLowerCase(Locale.ROOT);
        for (String prefix : PREFIXES) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
