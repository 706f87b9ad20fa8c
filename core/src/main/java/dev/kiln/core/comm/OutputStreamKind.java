package dev.kiln.core.comm;

/** Which of a command's output streams a line came from. */
public enum OutputStreamKind {
    /** The command's standard output. */
    STDOUT,
    /** The command's standard error. */
    STDERR
}
