package dev.kiln.testkit.assertj;

import dev.kiln.testkit.ec2.ImageView;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on an image of a LocalEc2: its state, name, tags and captured files. Failures say what was
 * expected and what the image has.
 *
 * <pre>{@code
 * assertThat(localEc2).image(amiId).hasState("available").hasTag("Name", "web")
 *         .hasFile("/srv/www/index.html").fileContains("/etc/motd", "Built with Kiln");
 * }</pre>
 */
public final class ImageAssert extends AbstractAssert<ImageAssert, ImageView> {
    private static final int SHOWN = 2000;

    ImageAssert(ImageView actual) {
        super(actual, ImageAssert.class);
    }

    /** Passes when the image is in {@code state}, e.g. {@code available}. */
    public ImageAssert hasState(String state) {
        isNotNull();
        if (!state.equals(actual.state())) {
            failWithMessage("Expected %s to be %s, but it is %s", actual, state, actual.state());
        }
        return this;
    }

    /** Passes when the image has the AMI name {@code name}. */
    public ImageAssert hasName(String name) {
        isNotNull();
        if (!name.equals(actual.name())) {
            failWithMessage("Expected %s to be named %s, but it is named %s", actual, name, actual.name());
        }
        return this;
    }

    /** Passes when the image has the tag {@code key} with {@code value}; the failure lists its tags. */
    public ImageAssert hasTag(String key, String value) {
        isNotNull();
        if (!value.equals(actual.tags().get(key))) {
            failWithMessage("Expected %s to have the tag %s=%s, but its tags are %s", actual, key, value, actual.tags());
        }
        return this;
    }

    /** Passes when {@code path} is a file of the image; the failure says what its directory holds. */
    public ImageAssert hasFile(String path) {
        content(path);
        return this;
    }

    /** Passes when nothing is at {@code path} in the image. */
    public ImageAssert doesNotHaveFile(String path) {
        isNotNull();
        if (actual.exists(path)) {
            failWithMessage("Expected %s to have nothing at %s, but it has", actual, path);
        }
        return this;
    }

    /** Passes when the file at {@code path} contains {@code text}; the failure shows the file. */
    public ImageAssert fileContains(String path, String text) {
        String content = content(path);
        if (!content.contains(text)) {
            failWithMessage("Expected %s of %s to contain%n  %s%nbut it holds%n  %s", path, actual, text,
                    content.length() <= SHOWN ? content : content.substring(0, SHOWN) + "...");
        }
        return this;
    }

    private String content(String path) {
        isNotNull();
        try {
            return actual.file(path);
        } catch (IllegalArgumentException e) {
            throw failure("Expected %s to have the file %s, but: %s", actual, path, e.getMessage());
        }
    }
}
