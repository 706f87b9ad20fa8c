package dev.kiln.testkit.assertj;

import dev.kiln.core.run.BuildResult;
import dev.kiln.testkit.ec2.ImageView;
import dev.kiln.testkit.ec2.LocalEc2;

/**
 * Entry point of Kiln's AssertJ assertions; static-import {@code assertThat} beside AssertJ's own.
 *
 * <pre>{@code
 * import static dev.kiln.testkit.assertj.KilnAssertions.assertThat;
 *
 * assertThat(kiln.build(spec)).succeeded().hasArtifactIn("us-east-1");
 * String ami = assertThat(result).artifactIn("us-east-1").actual();
 * assertThat(localEc2).image(ami).hasFile("/srv/www/index.html");
 * assertThat(localEc2).hasNoLeaks();
 * }</pre>
 */
public final class KilnAssertions {
    private KilnAssertions() {
    }

    /** Assertions on a LocalEc2: leaks, calls and images. */
    public static LocalEc2Assert assertThat(LocalEc2 actual) {
        return new LocalEc2Assert(actual);
    }

    /** Assertions on a build's result: success, artifacts. */
    public static BuildResultAssert assertThat(BuildResult actual) {
        return new BuildResultAssert(actual);
    }

    /** Assertions on one image of a LocalEc2, e.g. {@code assertThat(localEc2.image(region, ami))}. */
    public static ImageAssert assertThat(ImageView actual) {
        return new ImageAssert(actual);
    }
}
