package dev.kiln.testkit.assertj;

import dev.kiln.testkit.ec2.Ec2Call;
import dev.kiln.testkit.ec2.ImageView;
import dev.kiln.testkit.ec2.Leak;
import dev.kiln.testkit.ec2.LocalEc2;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * AssertJ assertions on a {@link LocalEc2}.
 *
 * <pre>{@code
 * assertThat(localEc2).hasNoLeaks();
 * assertThat(localEc2).calls().containsSubsequence("RunInstances", "CreateImage", "TerminateInstances");
 * assertThat(localEc2).image(amiId).hasTag("Name", "web").fileContains("/etc/motd", "Built with Kiln");
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

    /**
     * Assertions on the image {@code imageId} of LocalEc2's default region ({@link LocalEc2#region()}); fails when
     * there is no such image, naming the images there are.
     */
    public ImageAssert image(String imageId) {
        isNotNull();
        return image(actual.region(), imageId);
    }

    /** Assertions on the image {@code imageId} of {@code region}; fails when there is none, naming those there are. */
    public ImageAssert image(String region, String imageId) {
        isNotNull();
        ImageView image;
        try {
            image = actual.image(region, imageId);
        } catch (IllegalArgumentException e) {
            throw failure("Expected %s to have the image %s in %s, but: %s", actual, imageId, region, e.getMessage());
        }
        return new ImageAssert(image);
    }

    /**
     * Assertions on the actions LocalEc2 answered so far, oldest first, e.g.
     * {@code calls().containsSubsequence("RunInstances", "CreateImage")}.
     */
    public ListAssert<String> calls() {
        isNotNull();
        List<String> actions = actual.calls().stream().map(Ec2Call::action).toList();
        return Assertions.assertThat(actions).as("the actions %s answered", actual);
    }
}
