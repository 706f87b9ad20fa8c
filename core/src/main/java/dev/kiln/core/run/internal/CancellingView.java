package dev.kiln.core.run.internal;

import java.util.concurrent.CompletableFuture;

/**
 * A {@link CompletableFuture} view of a runner's result: it completes as the result does, and cancelling it also
 * cancels the work behind it (a build, a pipeline). Like any CompletableFuture it completes with a
 * {@link java.util.concurrent.CancellationException} at once when cancelled, while the work goes on to run its
 * cleanups. Completing the view by hand changes only the view.
 *
 * <pre>{@code
 * CompletableFuture<BuildResult> view = CancellingView.of(result, this::cancel);
 * }</pre>
 */
public final class CancellingView<T> extends CompletableFuture<T> {
    private final Runnable cancel;

    private CancellingView(Runnable cancel) {
        this.cancel = cancel;
    }

    /** A view that completes with {@code result} and calls {@code cancel} when it is cancelled first. */
    public static <T> CompletableFuture<T> of(CompletableFuture<T> result, Runnable cancel) {
        CancellingView<T> view = new CancellingView<>(cancel);
        result.whenComplete((value, error) -> {
            if (error == null) {
                view.complete(value);
            } else {
                view.completeExceptionally(error);
            }
        });
        return view;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            cancel.run();
        }
        return cancelled;
    }
}
