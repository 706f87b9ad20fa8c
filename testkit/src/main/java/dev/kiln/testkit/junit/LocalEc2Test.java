package dev.kiln.testkit.junit;

import dev.kiln.testkit.ec2.BaseImage;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class (or method) whose {@link dev.kiln.testkit.ec2.LocalEc2} parameters are injected,
 * started with the settings given here, and stopped after the method (or after the class, when a constructor or
 * {@code @BeforeAll} parameter asked for it: see {@link LocalEc2Extension}). On a method it replaces the class's
 * settings.
 *
 * <pre>{@code
 * @LocalEc2Test(latencies = LocalEc2Test.Latency.REALISTIC, seed = 7, baseImages = DebianImage.class)
 * class BakeTest {
 *     @Test
 *     void bakes(LocalEc2 ec2) {
 *         ... build against ec2.endpoint() ...
 *         assertThat(ec2).hasNoLeaks();
 *     }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(LocalEc2Extension.class)
public @interface LocalEc2Test {

    /** True (the default) for instances that are real local SSH machines; false for API-only instances. */
    boolean machines() default true;

    /**
     * Runs the machines as plain host processes, without a sandbox; see
     * {@link dev.kiln.testkit.ec2.LocalEc2.Builder#unsandboxed()} for what that risks. False by default: then
     * LocalEc2 fails to start where no sandbox can run.
     */
    boolean unsandboxed() default false;

    /**
     * The directory for images, kept after the test (relative paths from the working directory), as
     * {@link dev.kiln.testkit.ec2.LocalEc2.Builder#dataDir}; empty (the default) for a temporary directory deleted
     * when LocalEc2 stops.
     */
    String dataDir() default "";

    /** How long state changes take; {@link Latency#FAST} by default. */
    Latency latencies() default Latency.FAST;

    /** Seeds LocalEc2's random choices, as {@link dev.kiln.testkit.ec2.LocalEc2.Builder#randomSeed}; 0 by default. */
    long seed() default 0;

    /**
     * Base images offered in every region besides Amazon Linux 2 and Ubuntu 16.04: each class, made with its
     * no-argument constructor, supplies one.
     */
    Class<? extends Supplier<BaseImage>>[] baseImages() default {};

    /** A latency profile of {@link dev.kiln.testkit.ec2.Latencies}. */
    enum Latency {
        /** {@link dev.kiln.testkit.ec2.Latencies#fast()}: every state change at once. */
        FAST,
        /** {@link dev.kiln.testkit.ec2.Latencies#realistic()}: about what AWS takes. */
        REALISTIC
    }
}
