package dev.kiln.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitTree against the real git in a scratch repository, checked with the second seed's own command:
 * {@code git ls-tree HEAD <dir> | cut -d" " -f3 | cut -f1}, as its {@code common.sh} computes the {@code SHA} tag.
 */
class GitTreeTest {
    @TempDir
    Path repo;

    @Test
    void theHashIsTheFoldersTreeAsTheSeedsCommonShReadsItAndChangesOnlyWithTheFolder() throws Exception {
        git("init -q");
        write("images/base/tasks/baseline.sh", "echo baseline\n");
        write("images/snowflake/tasks/app.sh", "echo app\n");
        commit("both images");
        String first = commonSh("images/base");

        assertThat(first).matches("[0-9a-f]{40}");
        assertThat(GitTree.ofFolder(repo, "images/base")).hasValue(first);
        assertThat(GitTree.ofFolder(repo.resolve("images/snowflake"), "images/base/")).hasValue(first);
        assertThat(first).isNotEqualTo(sh("git log -1 --format=%H -- images/base"));

        write("images/snowflake/tasks/app.sh", "echo app 2\n");
        commit("the snowflake only");
        assertThat(GitTree.ofFolder(repo, "images/base")).hasValue(first);

        write("images/base/tasks/baseline.sh", "echo baseline 2\n");
        commit("the base");
        String second = commonSh("images/base");
        assertThat(second).isNotEqualTo(first);
        assertThat(GitTree.ofFolder(repo, "images/base")).hasValue(second);
    }

    @Test
    void aFileAnUnknownFolderOrADirectoryOutsideGitHaveNoTree() throws Exception {
        git("init -q");
        write("images/base/tasks/baseline.sh", "echo baseline\n");
        commit("base");

        assertThat(GitTree.ofFolder(repo, "images/base/tasks/baseline.sh")).isEmpty();
        assertThat(GitTree.ofFolder(repo, "images/none")).isEmpty();
        Path outside = Files.createDirectories(repo.resolve("outside"));
        Files.move(repo.resolve(".git"), repo.resolve("not-git"));
        assertThat(GitTree.ofFolder(outside, "images/base")).isEmpty();
    }

    /** The seed's {@code common.sh}: {@code git ls-tree HEAD $DIR | cut -d" " -f3 | cut -f1}, from the top. */
    private String commonSh(String dir) throws Exception {
        return sh("git ls-tree HEAD " + dir + " | cut -d\" \" -f3 | cut -f1");
    }

    private void commit(String message) throws Exception {
        git("add -A");
        git("-c user.name=kiln -c user.email=kiln@localhost -c commit.gpgsign=false commit -q -m '" + message + "'");
    }

    private void git(String arguments) throws Exception {
        sh("git " + arguments);
    }

    private void write(String path, String text) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Runs a /bin/sh script in the repository; fails the test unless it succeeds; its trimmed output. */
    private String sh(String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).directory(repo.toFile()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(script + ": " + out).isZero();
        return out;
    }
}
