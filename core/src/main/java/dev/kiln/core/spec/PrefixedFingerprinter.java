package dev.kiln.core.spec;

import java.nio.file.Path;

/** Records every field of a part of the spec under that part's prefix, as in {@code provisioners[1].inline}. */
final class PrefixedFingerprinter implements Fingerprinter {
    private final Fingerprinter target;
    private final String prefix;

    PrefixedFingerprinter(Fingerprinter target, String prefix) {
        this.target = target;
        this.prefix = prefix;
    }

    @Override
    public Fingerprinter put(String field, String value) {
        target.put(prefix + "." + field, value);
        return this;
    }

    @Override
    public Fingerprinter put(String field, byte[] bytes) {
        target.put(prefix + "." + field, bytes);
        return this;
    }

    @Override
    public Fingerprinter putFile(String field, Path file) {
        target.putFile(prefix + "." + field, file);
        return this;
    }
}
