package dev.kiln.core.run;

/**
 * Hears everything a build does, one {@link BuildEvent} at a time. Events arrive from the sources' threads,
 * often at once, so an implementation must be thread-safe; the events of one source arrive in order. Every
 * text and error in an event has every secret masked. A listener that throws is logged and otherwise
 * ignored. {@link ConsoleListener} prints events as Packer does, {@link JsonLinesListener} writes them as
 * JSON lines for tools.
 *
 * <pre>{@code
 * Kiln kiln = Kiln.builder().listener(event -> {
 *     if (event instanceof BuildEvent.OutputLine o) {
 *         log.info("{}: {}", o.source(), o.line());
 *     }
 * }).build();
 * }</pre>
 */
@FunctionalInterface
public interface BuildListener {

    /** Called for each event of every build of the {@link Kiln} this listener was added to. */
    void on(BuildEvent event);
}
