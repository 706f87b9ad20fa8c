package dev.kiln.core.run;

/**
 * What a failed source does with what it created (Packer's {@code -on-error}). A cancel always cleans up.
 *
 * <pre>{@code
 * Kiln kiln = Kiln.builder().onError(OnError.ABORT).build();
 * }</pre>
 */
public enum OnError {
    /** Run every registered undo, newest first (the default). */
    CLEANUP,
    /** Run no undo; list every resource left behind so a person can debug the machine. */
    ABORT
}
