package dev.kiln.ansible.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.comm.OutputStreamKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failed task is read from ansible-playbook's own output lines (copied from ansible-core 2.14 runs). */
class PlaybookOutputTest {
    private final List<String> passedOn = new ArrayList<>();
    private final PlaybookOutput output = new PlaybookOutput((stream, line) -> passedOn.add(line), 3);

    @Test
    void theTaskBeforeTheFirstFatalLineFailed() {
        feed("PLAY [Fail on purpose] *********************************************************",
                "TASK [web : a task that works] *************************************************",
                "changed: [default]",
                "TASK [break the build on purpose] **********************************************",
                "fatal: [default]: FAILED! => {\"changed\": true, \"cmd\": [\"/bin/false\"], \"rc\": 1}",
                "PLAY RECAP *********************************************************************",
                "default                    : ok=1    changed=1    unreachable=0    failed=1");

        assertThat(output.failedTask()).hasValue("break the build on purpose");
        assertThat(output.tail()).hasSize(3).endsWith("default                    : ok=1    changed=1    "
                + "unreachable=0    failed=1");
        assertThat(passedOn).hasSize(7);
    }

    @Test
    void anIgnoredFailureIsNotTheFailedTaskButALaterLoopItemOrHandlerIs() {
        feed("TASK [may fail] ****************************************************************",
                "fatal: [default]: FAILED! => {\"rc\": 1}",
                "...ignoring",
                "RUNNING HANDLER [web : restart the site] ***************************************",
                "failed: [default] (item=a) => {\"rc\": 2}");

        assertThat(output.failedTask()).hasValue("web : restart the site");
    }

    @Test
    void anErrorBeforeAnyTaskNamesNoTask() {
        feed("ERROR! the playbook: missing.yml could not be found");

        assertThat(output.failedTask()).isEmpty();
    }

    private void feed(String... lines) {
        for (String line : lines) {
            output.line(OutputStreamKind.STDOUT, line);
        }
    }
}
