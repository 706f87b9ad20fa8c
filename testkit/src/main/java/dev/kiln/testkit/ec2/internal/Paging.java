package dev.kiln.testkit.ec2.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * How one Describe action pages its results with {@code MaxResults} and {@code NextToken}, as the EC2 API
 * reference documents it: MaxResults from 5 up to a maximum (1000, or 500 for DescribeVolumes; a larger value
 * returns the maximum), no MaxResults for every result at once, and for some actions no MaxResults together with
 * a list of ids.
 *
 * <pre>{@code
 * Paging.Window window = Paging.INSTANCES.window(ctx.params);   // before any lookup: refuses bad parameters
 * Paging.Page<Instance> page = window.apply(matching);
 * }</pre>
 */
public record Paging(String idParam, String idSetName, int maxResults) {
    /** DescribeInstances and DescribeInstanceStatus: no MaxResults with InstanceId.N. */
    public static final Paging INSTANCES = new Paging("InstanceId", "instancesSet", 1000);
    /**
     * DescribeImages: its reference gives no range, so it takes its family's (5 to 1000); no MaxResults with
     * ImageId.N, as EC2 answers.
     */
    public static final Paging IMAGES = new Paging("ImageId", "imagesSet", 1000);
    /** DescribeSnapshots: no MaxResults with SnapshotId.N. */
    public static final Paging SNAPSHOTS = new Paging("SnapshotId", "snapshotSet", 1000);
    /** DescribeVolumes: up to 500, no MaxResults with VolumeId.N. */
    public static final Paging VOLUMES = new Paging("VolumeId", "volumeSet", 500);
    /** DescribeSecurityGroups, DescribeVpcs, DescribeSubnets: ids and MaxResults may be combined. */
    public static final Paging ANY_IDS = new Paging(null, null, 1000);

    private static final int MIN_RESULTS = 5;
    private static final String TOKEN_PREFIX = "LocalEc2/";

    /**
     * The part of the results the request asks for.
     *
     * @throws Ec2Error {@code InvalidParameterValue} for a MaxResults below 5, {@code InvalidParameterCombination}
     *                  for MaxResults with ids where EC2 refuses them, {@code InvalidPaginationToken} for a token
     *                  this action did not hand out
     */
    public Window window(Params params) {
        String action = params.string("Action", "");
        String maxParam = params.string("MaxResults");
        int size = Integer.MAX_VALUE;
        if (maxParam != null) {
            int requested = params.integer("MaxResults", maxResults);
            if (requested < MIN_RESULTS) {
                throw Ec2Error.invalidValue("Value ( " + requested + " ) for parameter maxResults is invalid. "
                        + "Expecting a value greater than " + MIN_RESULTS + ".");
            }
            if (idParam != null && !params.list(idParam).isEmpty()) {
                throw new Ec2Error("InvalidParameterCombination",
                        "The parameter " + idSetName + " cannot be used with the parameter maxResults");
            }
            size = Math.min(requested, maxResults);
        }
        String token = params.string("NextToken");
        return new Window(action, token == null ? 0 : offsetIn(token, action), size);
    }

    private static int offsetIn(String token, String action) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String expected = TOKEN_PREFIX + action + "/";
            if (text.startsWith(expected)) {
                int offset = Integer.parseInt(text.substring(expected.length()));
                if (offset > 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // not a token handed out here: refused below, as EC2 refuses it
        }
        throw new Ec2Error("InvalidPaginationToken", "The specified pagination token is not valid or is expired.");
    }

    /** A request's place in the results: where it starts and how many it takes. */
    public record Window(String action, int offset, int size) {
        /** The results of this window, and the token for the next one when more follow. */
        public <T> Page<T> apply(List<T> all) {
            int from = Math.min(offset, all.size());
            int to = (int) Math.min((long) from + size, all.size());
            String next = to < all.size() ? Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((TOKEN_PREFIX + action + "/" + to).getBytes(StandardCharsets.UTF_8)) : null;
            return new Page<>(all.subList(from, to), next);
        }
    }

    /** One page of results; {@code nextToken} is null on the last. */
    public record Page<T>(List<T> items, String nextToken) {
    }
}
