package dev.kiln.core.comm;

/** Which of a command's output streams a line came from. */
public enum OutputStreamKind {
    STDOUT,
    STDERR
}
