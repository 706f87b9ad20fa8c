package dev.kiln.cli.internal.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoFlagsTest {
    @Test
    void parsesGoStyleFlagsUntilTheFirstArgument() throws GoFlags.FlagException {
        List<String> vars = new ArrayList<>();
        boolean[] syntaxOnly = {false};
        GoFlags flags = new GoFlags().string("var", vars::add).bool("syntax-only", v -> syntaxOnly[0] = v);
        List<String> rest = flags.parse(List.of("-var", "a=1", "--var=b=2", "-syntax-only", "t.json", "-var", "c=3"));
        assertThat(vars).containsExactly("a=1", "b=2");
        assertThat(syntaxOnly[0]).isTrue();
        assertThat(rest).containsExactly("t.json", "-var", "c=3");
        assertThat(flags.parse(List.of("-syntax-only=false", "--", "-x"))).containsExactly("-x");
        assertThat(syntaxOnly[0]).isFalse();
    }

    @Test
    void refusesWhatGoRefuses() {
        GoFlags flags = new GoFlags().string("var", v -> { }).bool("force", v -> { });
        assertThatThrownBy(() -> flags.parse(List.of("-nope"))).hasMessage("flag provided but not defined: -nope");
        assertThatThrownBy(() -> flags.parse(List.of("-var"))).hasMessage("flag needs an argument: -var");
        assertThatThrownBy(() -> flags.parse(List.of("-force=maybe")))
                .hasMessage("invalid boolean value \"maybe\" for -force: parse error");
        assertThatThrownBy(() -> flags.parse(List.of("---x"))).hasMessage("bad flag syntax: ---x");
    }
}
