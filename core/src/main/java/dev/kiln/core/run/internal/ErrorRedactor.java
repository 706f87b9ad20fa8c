package dev.kiln.core.run.internal;

import dev.kiln.core.run.RedactedException;
import java.lang.reflect.Constructor;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Makes a copy of an exception, its cause chain and its suppressed exceptions with every secret masked,
 * keeping the stack traces. An exception that shows no secret is kept as it is. A copy keeps the original
 * class when that class has a public {@code (String)} or {@code (String, Throwable)} constructor and the copy
 * shows no secret; otherwise it is a {@link RedactedException} that names the original class.
 *
 * <pre>{@code
 * Throwable safe = new ErrorRedactor(redactor).redact(error);
 * }</pre>
 */
public final class ErrorRedactor {
    private final Redactor redactor;

    /** Masks what {@code redactor} knows. */
    public ErrorRedactor(Redactor redactor) {
        this.redactor = redactor;
    }

    /** The error with every secret masked; null stays null. */
    public Throwable redact(Throwable error) {
        if (error == null || !reveals(error, Collections.newSetFromMap(new IdentityHashMap<>()))) {
            return error;
        }
        return copy(error, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private boolean reveals(Throwable error, Set<Throwable> seen) {
        if (error == null || !seen.add(error)) {
            return false;
        }
        if (redactor.reveals(error.getMessage()) || redactor.reveals(error.toString())) {
            return true;
        }
        for (Throwable suppressed : error.getSuppressed()) {
            if (reveals(suppressed, seen)) {
                return true;
            }
        }
        return reveals(error.getCause(), seen);
    }

    private Throwable copy(Throwable error, Set<Throwable> seen) {
        if (!seen.add(error)) {
            return new RedactedException(error.getClass().getName(), "(a cycle in the cause chain)", null);
        }
        String message = redactor.mask(error.getMessage());
        Throwable cause = error.getCause() == null ? null : copy(error.getCause(), seen);
        Throwable copy = sameType(error.getClass(), message, cause);
        if (copy == null || redactor.reveals(copy.toString()) || redactor.reveals(copy.getMessage())) {
            copy = new RedactedException(error.getClass().getName(), message, cause);
        }
        copy.setStackTrace(error.getStackTrace());
        for (Throwable suppressed : error.getSuppressed()) {
            copy.addSuppressed(copy(suppressed, seen));
        }
        return copy;
    }

    /** A copy through a public {@code (String, cause type)} or {@code (String)} constructor, or null. */
    private static Throwable sameType(Class<? extends Throwable> type, String message, Throwable cause) {
        try {
            for (Constructor<?> constructor : type.getConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (cause != null && parameters.length == 2 && parameters[0] == String.class
                        && parameters[1].isInstance(cause)) {
                    return (Throwable) constructor.newInstance(message, cause);
                }
            }
            Throwable copy = type.getConstructor(String.class).newInstance(message);
            if (cause != null) {
                copy.initCause(cause);
            }
            return copy;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
