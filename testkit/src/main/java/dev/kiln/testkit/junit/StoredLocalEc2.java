package dev.kiln.testkit.junit;

import dev.kiln.testkit.ec2.LocalEc2;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A LocalEc2 kept in a JUnit extension store, which every JUnit 5 version closes when the store's scope ends:
 * JUnit 5.13 and later close what is {@link AutoCloseable} (and only that way, when a value is both), older ones
 * only what is a {@code CloseableResource}. Closing twice would do nothing anyway ({@link LocalEc2#close()}).
 *
 * @param localEc2 the LocalEc2 a test gets
 */
@SuppressWarnings("deprecation") // CloseableResource: deprecated in JUnit 5.13, and the only kind older ones close
record StoredLocalEc2(LocalEc2 localEc2) implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    @Override
    public void close() {
        localEc2.close();
    }
}
