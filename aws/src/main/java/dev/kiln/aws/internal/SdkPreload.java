package dev.kiln.aws.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.ImportKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

/**
 * Loads the SDK's heaviest classes on a background thread, once per JVM, as the first build starts making its
 * own EC2 clients. On a fresh JVM the first client costs most of a second of class loading, in parts that do
 * not depend on each other: the build's thread sets up the client's configuration and HTTP client while this
 * thread loads the EC2 client class (which the JVM verifies against every EC2 request and response type, some
 * 900 classes), the endpoint rules and the models of the calls a build makes before its instance runs, on
 * another core. A class not found here is simply loaded later, by the SDK.
 */
final class SdkPreload {
    private static final Logger log = LoggerFactory.getLogger(SdkPreload.class);
    static final List<String> CLASSES = List.of(
            "software.amazon.awssdk.services.ec2.DefaultEc2Client",
            "software.amazon.awssdk.services.ec2.endpoints.internal.DefaultEc2EndpointProvider",
            DescribeImagesResponse.class.getName(),
            ImportKeyPairRequest.class.getName(),
            CreateSecurityGroupRequest.class.getName(),
            AuthorizeSecurityGroupIngressRequest.class.getName(),
            RunInstancesRequest.class.getName(),
            RunInstancesResponse.class.getName(),
            DescribeInstancesResponse.class.getName());
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private SdkPreload() {
    }

    /** Starts the preload unless it has started already in this JVM. */
    static void start() {
        if (STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(SdkPreload::load, "kiln-sdk-preload");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static void load() {
        ClassLoader loader = Ec2Client.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                log.debug("Could not preload {}; the SDK loads it when it needs it", name, e);
            }
        }
    }
}
