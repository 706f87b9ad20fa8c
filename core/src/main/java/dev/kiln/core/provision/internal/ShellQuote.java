package dev.kiln.core.provision.internal;

/**
 * Quotes a value for a POSIX shell so that it arrives as one word, byte for byte: spaces, quotes, {@code $},
 * backticks, backslashes and newlines included. The value goes between single quotes, inside which a shell
 * interprets nothing; each single quote of the value closes the quoting, adds an escaped quote and reopens
 * it ({@code it's} becomes {@code 'it'\''s'}).
 *
 * <pre>{@code
 * String assignment = "GREETING=" + ShellQuote.quote("it's $HOME");   // GREETING='it'\''s $HOME'
 * }</pre>
 */
public final class ShellQuote {
    private ShellQuote() {
    }

    /** The value as one single-quoted shell word. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** True when {@code name} can be an environment variable name in a POSIX shell assignment. */
    public static boolean isVariableName(String name) {
        return name != null && name.matches("[A-Za-z_][A-Za-z0-9_]*");
    }
}
