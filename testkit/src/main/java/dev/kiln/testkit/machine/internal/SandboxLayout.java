package dev.kiln.testkit.machine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sandbox's filesystem shows, whichever program builds it: the host's {@code /usr} read-only with the
 * top-level links or read-only binds into it ({@code /bin}, {@code /lib}...), then the sandbox's own directories
 * bound from the host. Each sandbox adds its own {@code /proc} (of its pid namespace) and a minimal {@code /dev}.
 *
 * @param mounts what to put where, in order
 * @param hostname the sandbox's hostname
 * @param workDir the working directory inside, where commands start
 */
record SandboxLayout(List<Mount> mounts, String hostname, String workDir) {
    static final String TOOLS_INSIDE = "/run/kiln/bin";
    private static final List<String> HOST_TOP_LEVEL = List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");

    SandboxLayout {
        mounts = List.copyOf(mounts);
    }

    /**
     * A machine's view: its {@link RootFs#MACHINE_DIRS} and {@code /run} are its own, Kiln's tools are read-only
     * in {@value #TOOLS_INSIDE}, and commands start in the user's home.
     */
    static SandboxLayout machine(MachinePaths paths) {
        List<Mount> mounts = hostSystem();
        for (String dir : RootFs.MACHINE_DIRS) {
            mounts.add(new Mount(Mount.Kind.BIND, paths.root().resolve(dir).toString(), "/" + dir));
        }
        mounts.add(new Mount(Mount.Kind.BIND, paths.run().toString(), "/run"));
        mounts.add(new Mount(Mount.Kind.READ_ONLY_BIND, paths.tools().toString(), TOOLS_INSIDE));
        return new SandboxLayout(mounts, paths.hostname(), "/home/" + paths.user());
    }

    /** The view of a sandbox trial: the host system and {@code srv} as {@code /srv}, where commands start. */
    static SandboxLayout trial(Path srv) {
        List<Mount> mounts = hostSystem();
        mounts.add(new Mount(Mount.Kind.BIND, srv.toString(), "/srv"));
        return new SandboxLayout(mounts, "kiln-sandbox-trial", "/srv");
    }

    /** The host's read-only system: {@code /usr}, and {@code /bin}, {@code /lib}... as links or read-only binds. */
    private static List<Mount> hostSystem() {
        List<Mount> mounts = new ArrayList<>(List.of(new Mount(Mount.Kind.READ_ONLY_BIND, "/usr", "/usr")));
        for (String name : HOST_TOP_LEVEL) {
            Path path = Path.of("/", name);
            try {
                if (Files.isSymbolicLink(path)) {
                    mounts.add(new Mount(Mount.Kind.SYMLINK, Files.readSymbolicLink(path).toString(), path.toString()));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    mounts.add(new Mount(Mount.Kind.READ_ONLY_BIND, path.toString(), path.toString()));
                }
            } catch (IOException e) {
                // an unreadable link: the sandbox goes without it
            }
        }
        return mounts;
    }

    /**
     * One entry of the view.
     *
     * @param kind a bind, a read-only bind, or a symbolic link
     * @param source the host directory bound, or the link's target
     * @param target the absolute path inside the sandbox
     */
    record Mount(Kind kind, String source, String target) {

        /** How {@link #source} appears at {@link #target}. */
        enum Kind { BIND, READ_ONLY_BIND, SYMLINK }
    }
}
