package dev.kiln.aws.internal;

import dev.kiln.core.builder.BuildContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The tags Kiln puts on what it creates. Every temporary resource carries {@code kiln:temporary=true},
 * {@code kiln:session}, {@code kiln:source} and {@code kiln:created} (ISO-8601), so a janitor can find
 * what a killed build left; a finished AMI loses {@code kiln:temporary}.
 */
public final class KilnTags {
    public static final String TEMPORARY = "kiln:temporary";
    public static final String SESSION = "kiln:session";
    public static final String SOURCE = "kiln:source";
    public static final String CREATED = "kiln:created";
    public static final String FINGERPRINT = "kiln:fingerprint";

    private KilnTags() {
    }

    /** Kiln's tags for a temporary resource of this build. */
    public static List<Tag> temporary(BuildContext context) {
        return List.of(tag(TEMPORARY, "true"), tag(SESSION, context.sessionId()), tag(SOURCE, context.sourceName()),
                tag(CREATED, Instant.now().toString()));
    }

    /** Kiln's temporary tags followed by the user's. */
    public static List<Tag> temporaryAnd(BuildContext context, Map<String, String> userTags) {
        List<Tag> tags = new ArrayList<>(temporary(context));
        userTags.forEach((k, v) -> tags.add(tag(k, v)));
        return tags;
    }

    /** A tag specification for a resource type. */
    public static TagSpecification spec(ResourceType type, List<Tag> tags) {
        return TagSpecification.builder().resourceType(type).tags(tags).build();
    }

    /** One tag. */
    public static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
