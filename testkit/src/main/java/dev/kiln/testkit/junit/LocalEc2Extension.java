package dev.kiln.testkit.junit;

import dev.kiln.testkit.ec2.BaseImage;
import dev.kiln.testkit.ec2.Latencies;
import dev.kiln.testkit.ec2.LocalEc2;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Injects a started {@link LocalEc2} into test parameters and stops it when the scope that started it ends, on
 * every JUnit 5 version. A constructor or {@code @BeforeAll} parameter starts one for the class, which its test
 * methods then get too; otherwise each test method gets its own, stopped after the method. Use it through
 * {@link LocalEc2Test}, which also holds the settings, or directly for the defaults (local machines, fast
 * latencies, a temporary data directory):
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

    /** Made by JUnit for {@code @ExtendWith} and {@link LocalEc2Test}. */
    public LocalEc2Extension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalEc2.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Optional<LocalEc2Test> settings = settings(context);
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(StoredLocalEc2.class, key -> new StoredLocalEc2(start(settings)), StoredLocalEc2.class)
                .localEc2();
    }

    private static LocalEc2 start(Optional<LocalEc2Test> annotation) {
        LocalEc2.Builder builder = LocalEc2.builder();
        if (annotation.isEmpty()) {
            return builder.localMachines().start();
        }
        LocalEc2Test settings = annotation.get();
        if (settings.machines()) {
            builder.localMachines();
        }
        if (settings.unsandboxed()) {
            builder.unsandboxed();
        }
        if (!settings.dataDir().isEmpty()) {
            builder.dataDir(Path.of(settings.dataDir()));
        }
        builder.latencies(switch (settings.latencies()) {
            case FAST -> Latencies.fast();
            case REALISTIC -> Latencies.realistic();
        });
        builder.randomSeed(settings.seed());
        for (Class<? extends Supplier<BaseImage>> image : settings.baseImages()) {
            builder.baseImage(ReflectionSupport.newInstance(image).get());
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
