package dev.kiln.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The git commit that last changed a folder of the repository, as CircleCI's pipeline tags its AMIs with the
 * SHA of each image's folder: {@code git log -1 --format=%H -- <folder>}, run from the repository's top
 * directory. Empty when git is missing, this is not a git checkout, or the folder has no commit yet.
 *
 * <pre>{@code
 * String sha = GitRevision.ofFolder("examples/src/main/resources/images/base").orElse(GitRevision.NONE);
 * }</pre>
 */
final class GitRevision {
    /** The tag value used when there is no revision to tell. */
    static final String NONE = "none (not a git checkout)";

    private GitRevision() {
    }

    /** The last commit of {@code repositoryFolder} (relative to the repository's top), if git can tell. */
    static Optional<String> ofFolder(String repositoryFolder) {
        return run(Path.of("").toAbsolutePath(), List.of("git", "rev-parse", "--show-toplevel"))
                .flatMap(top -> run(Path.of(top), List.of("git", "log", "-1", "--format=%H", "--", repositoryFolder)))
                .filter(sha -> sha.matches("[0-9a-f]{40}"));
    }

    private static Optional<String> run(Path dir, List<String> command) {
        try {
            Process git = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            git.getOutputStream().close();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
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
