package dev.kiln.ssh.internal;

/** One failed attempt to connect, classified, with a message that is safe to show. */
final class AttemptFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final FailureKind kind;

    AttemptFailure(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    FailureKind kind() {
        return kind;
    }
}
