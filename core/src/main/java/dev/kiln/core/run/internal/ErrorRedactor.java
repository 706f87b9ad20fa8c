package dev.kiln.core.run.internal;

import dev.kiln.core.KilnException;
import dev.kiln.core.run.RedactedException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Makes a copy of an exception, its cause chain and its suppressed exceptions with every secret masked,
 * keeping their classes and stack traces. An exception that shows no secret is kept as it is. A copy keeps the
 * original class when the copy shows no secret and the class is a {@link KilnException} (which copies itself,
 * its fields included) or has a public {@code (String)} or {@code (String, Throwable)} constructor. Only a
 * foreign class with neither becomes a {@link RedactedException} that names it.
 *
 * <pre>{@code
 * Throwable safe = new ErrorRedactor(redactor).redact(error);
 * }</pre>
 */
public final class ErrorRedactor {
    /** {@link KilnException}'s protected copy hook; this class is in the same module, so may call it. */
    private static final Method COPY_MASKED = copyMaskedMethod();

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
        Throwable copy = sameType(error, message, cause);
        if (copy == null || redactor.reveals(copy.toString()) || redactor.reveals(copy.getMessage())) {
            copy = new RedactedException(error.getClass().getName(), message, cause);
        }
        copy.setStackTrace(error.getStackTrace());
        for (Throwable suppressed : error.getSuppressed()) {
            copy.addSuppressed(copy(suppressed, seen));
        }
        return copy;
    }

    /** A copy of the error's own class with the masked message and cause, or null when none can be made. */
    private Throwable sameType(Throwable error, String message, Throwable cause) {
        if (error instanceof KilnException kiln) {
            Throwable copy = copyMasked(kiln, cause);
            if (copy != null && copy.getClass() == error.getClass()) {
                return copy;
            }
        }
        return byConstructor(error.getClass(), message, cause);
    }

    private Throwable copyMasked(KilnException error, Throwable cause) {
        try {
            return (Throwable) COPY_MASKED.invoke(error, (UnaryOperator<String>) redactor::mask, cause);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return null;
        }
    }

    /** A copy through a public {@code (String, cause type)} or {@code (String)} constructor, or null. */
    private static Throwable byConstructor(Class<? extends Throwable> type, String message, Throwable cause) {
        try {
            for (Constructor<?> constructor : type.getConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 2 && parameters[0] == String.class
                        && Throwable.class.isAssignableFrom(parameters[1])
                        && (cause == null || parameters[1].isInstance(cause))) {
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

    private static Method copyMaskedMethod() {
        try {
            Method method = KilnException.class.getDeclaredMethod("copyMasked", UnaryOperator.class, Throwable.class);
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
