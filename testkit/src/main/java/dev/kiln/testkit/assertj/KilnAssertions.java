package dev.kiln.testkit.assertj;

import dev.kiln.core.run.BuildResult;
import dev.kiln.testkit.ec2.LocalEc2;

/**
 * Entry point of Kiln's AssertJ assertions; static-import {@code assertThat} beside AssertJ's own.
 *
 * <pre>{@code
 * import static dev.kiln.testkit.assertj.KilnAssertions.assertThat;
 *
 * assertThat(kiln.build(spec)).succeeded().hasArtifactIn("us-east-1");
 * assertThat(localEc2).hasNoLeaks();
 * }</pre>
 */
public final class KilnAssertions {
    private KilnAssertions() {
    }

    public static LocalEc2Assert assertThat(LocalEc2 actual) {
        return new LocalEc2Assert(actual);
    }

    public static BuildResultAssert assertThat(BuildResult actual) {
        return new BuildResultAssert(actual);
    }
}
