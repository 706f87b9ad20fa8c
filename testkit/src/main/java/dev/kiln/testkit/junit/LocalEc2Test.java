package dev.kiln.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class (or method) whose {@link dev.kiln.testkit.ec2.LocalEc2} parameters are injected,
 * started, and stopped after the method (or after the class, when a constructor or {@code @BeforeAll} parameter
 * asked for it: see {@link LocalEc2Extension}).
 *
 * <pre>{@code
 * @LocalEc2Test
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
}
