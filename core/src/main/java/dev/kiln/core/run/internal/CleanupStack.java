package dev.kiln.core.run.internal;

import dev.kiln.core.builder.Cleanup;
import dev.kiln.core.builder.Resource;
import dev.kiln.core.builder.Undo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The undos one source registered, in order, each with the resources tracked on it. Thread-safe.
 *
 * <pre>{@code
 * Cleanup keys = stack.push("delete key pair", undo, false);
 * keys.track(new Resource("key-pair", "kiln-1", "us-east-1"));
 * }</pre>
 */
public final class CleanupStack {
    private final List<Entry> entries = new ArrayList<>();

    /** One registered undo. */
    public static final class Entry implements Cleanup {
        private final String description;
        private final Undo undo;
        private final boolean onlyOnFailure;
        private final List<Resource> resources = new ArrayList<>();

        private Entry(String description, Undo undo, boolean onlyOnFailure) {
            this.description = description;
            this.undo = undo;
            this.onlyOnFailure = onlyOnFailure;
        }

        @Override
        public synchronized void track(Resource resource) {
            resources.add(resource);
        }

        /** What the undo is for. */
        public String description() {
            return description;
        }

        /** The undo. */
        public Undo undo() {
            return undo;
        }

        /** True when the undo runs only when the build fails or is cancelled. */
        public boolean onlyOnFailure() {
            return onlyOnFailure;
        }

        /** The resources tracked so far. */
        public synchronized List<Resource> resources() {
            return List.copyOf(resources);
        }

        @Override
        public String toString() {
            return description + (onlyOnFailure ? " (on failure)" : "");
        }
    }

    /** Registers an undo. */
    public synchronized Cleanup push(String description, Undo undo, boolean onlyOnFailure) {
        Entry entry = new Entry(description, undo, onlyOnFailure);
        entries.add(entry);
        return entry;
    }

    /** Every entry, newest first: the order undos run in. */
    public synchronized List<Entry> newestFirst() {
        List<Entry> out = new ArrayList<>(entries);
        Collections.reverse(out);
        return out;
    }

    /** Every resource tracked on any entry, in registration order. */
    public synchronized List<Resource> allResources() {
        List<Resource> out = new ArrayList<>();
        entries.forEach(e -> out.addAll(e.resources()));
        return out;
    }
}
