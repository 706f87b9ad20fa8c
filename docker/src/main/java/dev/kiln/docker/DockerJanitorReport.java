package dev.kiln.docker;

import dev.kiln.core.builder.Resource;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a {@link DockerJanitor} run found and did: each leftover container or image with what happened to it.
 *
 * <pre>{@code
 * report.items().forEach(System.out::println);   // "REMOVED container 3f2a... in unix:///var/run/docker.sock (session ...)"
 * }</pre>
 *
 * @param dryRun true when nothing was removed
 * @param items every leftover found, containers first
 */
public record DockerJanitorReport(boolean dryRun, List<Item> items) {
    /** Copies the items. */
    public DockerJanitorReport {
        items = List.copyOf(items);
    }

    /** What happened to one leftover. */
    public enum Action {
        /** Found in a dry run; would have been removed. */
        WOULD_REMOVE,
        /** Removed. */
        REMOVED,
        /** Removing it failed; see the item's detail. */
        FAILED
    }

    /**
     * One leftover.
     *
     * @param resource the container or image
     * @param session the {@code dev.kiln.session} that made it
     * @param action what happened to it
     * @param detail why it failed, or empty
     */
    public record Item(Resource resource, String session, Action action, String detail) {
        /** Checks the parts. */
        public Item {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(action, "action");
            detail = detail == null ? "" : detail;
        }

        @Override
        public String toString() {
            return action + " " + resource + " (session " + session + ")" + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    /** The leftovers found, whatever happened to them. */
    public List<Resource> resources() {
        return items.stream().map(Item::resource).toList();
    }

    @Override
    public String toString() {
        return (dryRun ? "Dry run, " : "") + items.size() + " leftovers"
                + items.stream().map(i -> "\n  " + i).collect(Collectors.joining());
    }
}
