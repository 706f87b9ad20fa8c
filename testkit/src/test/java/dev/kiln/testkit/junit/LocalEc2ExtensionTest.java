package dev.kiln.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.testkit.ec2.LocalEc2;
import java.io.IOException;
import java.net.Socket;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Without a class-level parameter, every test method gets its own LocalEc2, stopped when the method ends. */
@LocalEc2Test(machines = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalEc2ExtensionTest {
    static LocalEc2 first;

    @Test
    @Order(1)
    void injectsAStartedLocalEc2SharedWithinAMethod(LocalEc2 ec2, LocalEc2 same) throws IOException {
        assertThat(ec2).isSameAs(same);
        try (Socket socket = new Socket("127.0.0.1", ec2.port())) {
            assertThat(socket.isConnected()).isTrue();
        }
        first = ec2;
    }

    @Test
    @Order(2)
    void stopsItWhenTheMethodEnds(LocalEc2 ec2) {
        assertThat(ec2).isNotSameAs(first);
        assertThatThrownBy(() -> new Socket("127.0.0.1", first.port()).close()).isInstanceOf(IOException.class);
    }
}
