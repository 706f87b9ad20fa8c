package dev.kiln.testkit.ec2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/** A new LocalEc2 for each test, with fake machines, and the SDK client and its fast waiters for us-east-1. */
abstract class FreshLocalEc2 {
    final FakeMachineHost host = new FakeMachineHost();
    LocalEc2 ec2;
    Ec2Client client;
    Ec2Waiter waiter;

    /** The client the tests use; the SDK's default configuration unless a test class needs another. */
    Ec2Client newClient() {
        return Ec2Clients.client(ec2, "us-east-1");
    }

    @BeforeEach
    void start() {
        ec2 = LocalEc2.builder().machineHost(host).randomSeed(7).start();
        client = newClient();
        waiter = Ec2Clients.waiter(client);
    }

    @AfterEach
    void stop() {
        client.close();
        ec2.close();
    }
}
