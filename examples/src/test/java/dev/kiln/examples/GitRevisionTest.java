package dev.kiln.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GitRevisionTest {

    @Test
    void aCommittedFolderHasTheCommitGitLogNamesAndAnUnknownFolderHasNone() throws Exception {
        Process git = new ProcessBuilder("/bin/sh", "-c",
                "cd \"$(git rev-parse --show-toplevel)\" && git log -1 --format=%H -- examples/src/main/resources/images")
                .start();
        String expected = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        git.waitFor();

        if (expected.isEmpty()) {
            assertThat(GitRevision.ofFolder("examples/src/main/resources/images")).isEmpty();
        } else {
            assertThat(GitRevision.ofFolder("examples/src/main/resources/images")).hasValue(expected);
        }
        assertThat(GitRevision.ofFolder("no/such/folder")).isEmpty();
    }
}
