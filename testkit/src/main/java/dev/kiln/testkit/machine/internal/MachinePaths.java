package dev.kiln.testkit.machine.internal;

import java.nio.file.Path;

/**
 * Where a machine's pieces live on the host.
 *
 * @param root the root filesystem ({@code machineDir/root})
 * @param run the machine's {@code /run}, emptied at every start and never captured
 * @param tools Kiln's helper programs put first on the machine's PATH (its {@code sudo})
 * @param user the login user, whose home is {@code /home/<user>}
 * @param marker a value set as {@code KILN_MACHINE} in every process of the machine
 * @param hostname the machine's hostname, e.g. {@code ip-127-0-1-7}
 */
public record MachinePaths(Path root, Path run, Path tools, String user, String marker, String hostname) {
}
