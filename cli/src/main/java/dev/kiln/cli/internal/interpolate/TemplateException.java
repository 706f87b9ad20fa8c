package dev.kiln.cli.internal.interpolate;

/**
 * A template that can't be parsed or executed, with a message in the shape of Go's text/template errors, e.g.
 * {@code template: root:1: function "vault" not defined}.
 */
public final class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An error with Go's message. */
    public TemplateException(String message) {
        super(message);
    }
}
