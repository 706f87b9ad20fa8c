package dev.kiln.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testkit.ec2.LocalEc2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A {@code @BeforeAll} parameter starts one LocalEc2 for the class, which every method then gets. */
@ExtendWith(LocalEc2Extension.class)
class LocalEc2ExtensionClassScopeTest {
    static LocalEc2 shared;

    @BeforeAll
    static void start(LocalEc2 ec2) {
        shared = ec2;
    }

    @Test
    void methodsGetTheClassLocalEc2(LocalEc2 ec2) {
        assertThat(ec2).isSameAs(shared);
        assertThat(ec2.endpoint().getHost()).isEqualTo("127.0.0.1");
    }
}
