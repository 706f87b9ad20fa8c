package dev.kiln.testkit.machine.internal;

import dev.kiln.testkit.ssh.CommandLauncher;

/** One run of a machine under an {@link Isolation}: how its commands start, and how all of them end. */
public interface IsolatedRun {

    /** Starts commands inside the machine. */
    CommandLauncher launcher();

    /** The command serving SFTP inside the machine, or null to use the SSH server's built-in SFTP. */
    String sftpServerCommand();

    /** Kills every process of this run, daemons included, and returns once they are gone. */
    void killAll();
}
