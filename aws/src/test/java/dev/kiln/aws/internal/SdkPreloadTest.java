package dev.kiln.aws.internal;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class SdkPreloadTest {
    @Test
    void everyClassItPreloadsIsInThisSdkVersion() {
        // The SDK's internal class names can change between versions; a preload of a missing class does nothing.
        for (String name : SdkPreload.CLASSES) {
            assertThatCode(() -> Class.forName(name, false, getClass().getClassLoader())).as(name)
                    .doesNotThrowAnyException();
        }
    }
}
