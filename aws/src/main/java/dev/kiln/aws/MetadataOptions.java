package dev.kiln.aws;

/**
 * The source instance's metadata service options, as Packer's {@code metadata_options}.
 *
 * <pre>{@code
 * MetadataOptions.imdsv2()                    // tokens required, hop limit 1
 * new MetadataOptions(true, true, 2, false)   // for containers on the instance
 * }</pre>
 *
 * @param endpointEnabled whether the metadata endpoint answers at all
 * @param tokensRequired true for IMDSv2 only (session tokens required)
 * @param hopLimit the PUT response hop limit, 1 to 64
 * @param instanceTagsEnabled whether the instance's tags are readable from the metadata service
 */
public record MetadataOptions(boolean endpointEnabled, boolean tokensRequired, int hopLimit,
        boolean instanceTagsEnabled) {

    /** IMDSv2 only, hop limit 1, no instance tags. */
    public static MetadataOptions imdsv2() {
        return new MetadataOptions(true, true, 1, false);
    }
}
