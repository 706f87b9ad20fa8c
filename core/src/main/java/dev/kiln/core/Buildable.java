package dev.kiln.core;

/**
 * A builder of a {@code T}: Kiln's configuration builders ({@code AmazonEbs.builder()},
 * {@code Provisioners.shell()}, {@code PostProcessors.manifest(path)}, {@code ImageSpec.builder(name)}) implement
 * it, so that the methods that take a finished configuration also take its builder, with no {@code build()}
 * call, as the AWS SDK's request methods do.
 *
 * <pre>{@code
 * ImageSpec spec = ImageSpec.builder("web")
 *     .source(AmazonEbs.builder().region("us-east-1").sourceAmi("ami-0abc").amiName("web-" + build))
 *     .provision(Provisioners.shell().inline("sudo yum install -y nginx"))
 *     .build();
 * }</pre>
 *
 * @param <T> what it builds
 */
public interface Buildable<T> {

    /** What was configured so far, as an immutable {@code T}. */
    T build();
}
