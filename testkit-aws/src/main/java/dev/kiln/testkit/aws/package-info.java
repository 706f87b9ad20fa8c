/**
 * Kiln's amazon-ebs builder on a LocalEc2 in one call: {@link dev.kiln.testkit.aws.AmazonEbsOnLocalEc2}.
 *
 * <p>This is a module of its own, {@code kiln-testkit-aws}, because it is the one piece that knows both sides:
 * {@code kiln-aws} may not know LocalEc2 (a test double has no place in production code), and
 * {@code kiln-testkit} may not know {@code kiln-aws} (kiln-aws's own tests depend on kiln-testkit, so that would
 * be a cycle). It depends on both, and nothing of Kiln depends on it.
 */
package dev.kiln.testkit.aws;
