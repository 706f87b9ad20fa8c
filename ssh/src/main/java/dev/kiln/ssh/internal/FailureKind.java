package dev.kiln.ssh.internal;

/** Why one attempt to connect and log in failed, in the words an operator needs. */
enum FailureKind {
    REFUSED("connection refused"),
    TIMED_OUT("timed out"),
    AUTH_FAILED("authentication failed"),
    HOST_KEY_MISMATCH("host key mismatch"),
    OTHER("handshake failed");

    private final String words;

    FailureKind(String words) {
        this.words = words;
    }

    String words() {
        return words;
    }
}
