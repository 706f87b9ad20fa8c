package dev.kiln.testkit.assertj;

import dev.kiln.testkit.ec2.Leak;
import dev.kiln.testkit.ec2.LocalEc2;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link LocalEc2}.
 *
 * <pre>{@code
 * assertThat(localEc2).hasNoLeaks();
 * }</pre>
 */
public final class LocalEc2Assert extends AbstractAssert<LocalEc2Assert, LocalEc2> {

    LocalEc2Assert(LocalEc2 actual) {
        super(actual, LocalEc2Assert.class);
    }

    /** Passes when nothing was left behind; the failure lists every leak, one a line. */
    public LocalEc2Assert hasNoLeaks() {
        isNotNull();
        List<Leak> leaks = actual.leaks();
        if (!leaks.isEmpty()) {
            failWithMessage("Expected %s to have no leaks, but %d resource(s) were left behind:%n%s", actual,
                    leaks.size(), leaks.stream().map(leak -> "  " + leak).collect(Collectors.joining("\n")));
        }
        return this;
    }
}
