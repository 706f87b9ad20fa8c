package dev.kiln.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The git tree hash of a folder of the repository at {@code HEAD}, the value CircleCI's pipeline tags its AMIs with
 * as {@code SHA}: its {@code common.sh} takes the third field of {@code git ls-tree HEAD <dir>}, and
 * {@code tag_exists} looks AMIs up by it. The hash changes when a file under the folder changes, and only then.
 * Empty when git is missing, this is not a git checkout, or {@code HEAD} has no such folder.
 *
 * <pre>{@code
 * String sha = GitTree.ofFolder("examples/src/main/resources/images/base").orElse(GitTree.NONE);
 * }</pre>
 */
final class GitTree {
    /** The tag value used when there is no tree to tell. */
    static final String NONE = "none (not a git checkout)";

    private GitTree() {
    }

    /** The tree hash of {@code repositoryFolder} (relative to the repository's top) in this directory's checkout. */
    static Optional<String> ofFolder(String repositoryFolder) {
        return ofFolder(Path.of("").toAbsolutePath(), repositoryFolder);
    }

    /** The tree hash of {@code repositoryFolder} (relative to the repository's top) in {@code dir}'s checkout. */
    static Optional<String> ofFolder(Path dir, String repositoryFolder) {
        String folder = repositoryFolder.replaceAll("/+$", "");
        return run(dir, List.of("git", "rev-parse", "--show-toplevel"))
                .flatMap(top -> run(Path.of(top.strip()), List.of("git", "ls-tree", "-z", "HEAD", folder)))
                .flatMap(listing -> treeIn(listing, folder));
    }

    /** The hash on the entry {@code <mode> tree <hash> TAB <folder>} of {@code ls-tree -z}'s listing. */
    private static Optional<String> treeIn(String listing, String folder) {
        return Arrays.stream(listing.split("\0"))
                .map(entry -> entry.split("\t", 2))
                .filter(entry -> entry.length == 2 && entry[1].equals(folder))
                .map(entry -> entry[0].split(" "))
                .filter(fields -> fields.length == 3 && fields[1].equals("tree"))
                .map(fields -> fields[2])
                .findFirst();
    }

    private static Optional<String> run(Path dir, List<String> command) {
        try {
            Process git = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            git.getOutputStream().close();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!git.waitFor(30, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return Optional.empty();
            }
            return git.exitValue() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
