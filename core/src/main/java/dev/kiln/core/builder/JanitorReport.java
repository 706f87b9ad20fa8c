package dev.kiln.core.builder;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a janitor run found and did (amazon-ebs's {@code AmazonEbsJanitor}, docker's {@code DockerJanitor}): each
 * leftover resource of a killed build (an instance, a key pair, a container, an image...) with what happened to it.
 *
 * <pre>{@code
 * JanitorReport report = janitor.run();
 * report.items().forEach(i -> System.out.println(i));   // "DELETED instance i-0abc in us-east-1"
 * }</pre>
 *
 * @param dryRun true when nothing was deleted
 * @param items every resource found, in the order they were handled
 */
public record JanitorReport(boolean dryRun, List<Item> items) {
    /** Copies {@code items}. */
    public JanitorReport {
        items = List.copyOf(items);
    }

    /** What happened to one resource. */
    public enum Action {
        /** Found in a dry run; would have been removed. */
        WOULD_DELETE,
        /** Removed. */
        DELETED,
        /** Removing it failed; see the item's detail. */
        FAILED
    }

    /**
     * One leftover resource.
     *
     * @param resource the resource (type, id, and region or Docker host)
     * @param session the build session that made it (the {@code kiln:session} tag or {@code dev.kiln.session} label)
     * @param action what happened to it
     * @param detail why it failed, or empty
     */
    public record Item(Resource resource, String session, Action action, String detail) {
        /** The resource and action may not be null; a null {@code detail} becomes empty. */
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

    /** The resources found, whatever happened to them. */
    public List<Resource> resources() {
        return items.stream().map(Item::resource).toList();
    }

    /** The items whose removal failed. */
    public List<Item> failures() {
        return items.stream().filter(i -> i.action() == Action.FAILED).toList();
    }

    @Override
    public String toString() {
        return (dryRun ? "Dry run, " : "") + items.size() + " leftover resources"
                + items.stream().map(i -> "\n  " + i).collect(Collectors.joining());
    }
}
