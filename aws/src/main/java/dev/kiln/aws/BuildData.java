package dev.kiln.aws;

import java.util.Map;
import java.util.Objects;

/**
 * What an amazon-ebs build knows once it has resolved its source AMI: Packer's "build template data"
 * ({@code {{ .SourceAMIName }}} and its siblings). A tag value or the AMI description can be computed from it,
 * and the build does so after the source AMI is found, before it uses them. A value EC2 leaves out is empty, as
 * in Packer.
 *
 * <pre>{@code
 * AmazonEbs.builder().amiTag("Base_AMI_Name", BuildData::sourceAmiName)
 *         .amiTag("Extra", data -> data.sourceAmiTags().getOrDefault("TagName", ""));
 * }</pre>
 *
 * @param buildRegion the region the build runs in (not the region of a copy), e.g. {@code eu-central-1}
 * @param sourceAmi the source AMI's id, e.g. {@code ami-a2412fcd}
 * @param sourceAmiCreationDate the source AMI's creation date as EC2 gives it, e.g. {@code 2020-05-14T19:26:34.000Z}
 * @param sourceAmiName the source AMI's name
 * @param sourceAmiOwner the account id of the source AMI's owner
 * @param sourceAmiOwnerName the owner's alias, e.g. {@code amazon}; empty for an account's own images
 * @param sourceAmiTags the source AMI's tags, as its owner sees them
 */
public record BuildData(String buildRegion, String sourceAmi, String sourceAmiCreationDate, String sourceAmiName,
        String sourceAmiOwner, String sourceAmiOwnerName, Map<String, String> sourceAmiTags) {
    /** Null strings become empty; the tags are copied. */
    public BuildData {
        buildRegion = Objects.requireNonNullElse(buildRegion, "");
        sourceAmi = Objects.requireNonNullElse(sourceAmi, "");
        sourceAmiCreationDate = Objects.requireNonNullElse(sourceAmiCreationDate, "");
        sourceAmiName = Objects.requireNonNullElse(sourceAmiName, "");
        sourceAmiOwner = Objects.requireNonNullElse(sourceAmiOwner, "");
        sourceAmiOwnerName = Objects.requireNonNullElse(sourceAmiOwnerName, "");
        sourceAmiTags = Map.copyOf(sourceAmiTags);
    }
}
