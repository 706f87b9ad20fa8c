package dev.kiln.testkit.junit;

import dev.kiln.testkit.ec2.LocalEc2;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Injects a started {@link LocalEc2} into test parameters and stops it when the scope that started it ends. A
 * constructor or {@code @BeforeAll} parameter starts one for the class, which its test methods then get too;
 * otherwise each test method gets its own, stopped after the method. Use it through {@link LocalEc2Test}
 * (which also says whether instances are real SSH machines), or directly:
 *
 * <pre>{@code
 * @ExtendWith(LocalEc2Extension.class)
 * class ApiTest {
 *     @Test
 *     void describes(LocalEc2 ec2) { ... }
 * }
 * }</pre>
 */
public final class LocalEc2Extension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalEc2Extension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalEc2.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        boolean machines = settings(context).map(LocalEc2Test::machines).orElse(true);
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(LocalEc2.class, key -> start(machines), LocalEc2.class);
    }

    private static LocalEc2 start(boolean machines) {
        LocalEc2.Builder builder = LocalEc2.builder();
        if (machines) {
            builder.localMachines();
        }
        return builder.start();
    }

    private static Optional<LocalEc2Test> settings(ExtensionContext context) {
        Optional<AnnotatedElement> element = context.getElement();
        Optional<LocalEc2Test> onElement = element.flatMap(e -> AnnotationSupport.findAnnotation(e, LocalEc2Test.class));
        if (onElement.isPresent()) {
            return onElement;
        }
        return context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, LocalEc2Test.class));
    }
}
