package dev.kiln.cli.internal.command;

import java.io.PrintStream;
import java.time.Clock;

/**
 * Where a command's messages go, as Packer 1.6.6's UI: for people, {@code say} and {@code error} to standard
 * output (Packer writes its errors there too), machine lines dropped; with {@code -machine-readable}, everything to standard output as
 * {@link MachineReadable} lines ({@code ui,say,...}, {@code ui,error,...} and the machine lines themselves).
 */
public interface Ui {
    /** A message for the user. */
    void say(String message);

    /** An error message. */
    void error(String message);

    /** A machine-readable record: {@code type} and its data, for the build named {@code target} (or empty). */
    void machine(String target, String type, String... data);

    /** True for the UI for people, whose long messages are wrapped. */
    boolean isHuman();

    /** The UI for people. */
    static Ui human(PrintStream out) {
        return new Ui() {
            @Override
            public void say(String message) {
                out.println(message);
            }

            @Override
            public void error(String message) {
                out.println(message);
            }

            @Override
            public void machine(String target, String type, String... data) {
            }

            @Override
            public boolean isHuman() {
                return true;
            }
        };
    }

    /** The {@code -machine-readable} UI, stamping lines with {@code clock}. */
    static Ui machineReadable(PrintStream out, Clock clock) {
        return new Ui() {
            @Override
            public void say(String message) {
                machine("", "ui", "say", message);
            }

            @Override
            public void error(String message) {
                machine("", "ui", "error", message);
            }

            @Override
            public void machine(String target, String type, String... data) {
                out.println(MachineReadable.line(clock.instant(), target, type, data));
            }

            @Override
            public boolean isHuman() {
                return false;
            }
        };
    }
}
