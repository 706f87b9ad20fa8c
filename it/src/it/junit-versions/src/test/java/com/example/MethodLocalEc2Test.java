package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testkit.ec2.LocalEc2;
import dev.kiln.testkit.junit.LocalEc2Test;
import java.io.IOException;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** A test method's parameter: a LocalEc2 for the method, closed after it. */
@LocalEc2Test(machines = false)
class MethodLocalEc2Test {

    @Test
    void getsAStartedLocalEc2(LocalEc2 ec2) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", ec2.port())) {
            assertThat(socket.isConnected()).isTrue();
        }
        assertThat(ec2.dataDir()).isDirectory();
        DataDirs.record(ec2);
    }
}
