package dev.kiln.core.run;

import dev.kiln.core.builder.Resource;
import java.util.List;
import java.util.Objects;

/**
 * An undo that failed, with the resources it should have removed (they are likely still there).
 *
 * <pre>{@code
 * result.source("web").orElseThrow().cleanupFailures().forEach(f -> log.warn("{}: {}", f.description(), f.error().getMessage()));
 * }</pre>
 *
 * @param description what the undo was for, as registered
 * @param error why it failed, with secrets masked
 * @param resources the resources tracked on it
 */
public record CleanupFailure(String description, Throwable error, List<Resource> resources) {
    /** Checks the values and copies the list. */
    public CleanupFailure {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(error, "error");
        resources = List.copyOf(resources);
    }
}
