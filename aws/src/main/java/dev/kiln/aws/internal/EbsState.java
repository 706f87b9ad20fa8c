package dev.kiln.aws.internal;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.BuildData;
import dev.kiln.core.Secret;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.builder.Cleanup;
import dev.kiln.core.builder.Resource;
import dev.kiln.core.builder.Undo;
import dev.kiln.core.comm.Communicator;
import dev.kiln.ssh.SshKeyPair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/** What one amazon-ebs build has learnt and made so far; the steps read and fill it in order. */
final class EbsState {
    final AmazonEbs config;
    final BuildContext context;
    final Ec2Clients clients;
    final Creation creation;
    Image sourceImage;
    String vpcId;
    String subnetId;
    /** The launch's read-only calls, sent as it starts. */
    PreLaunchLookups lookups;
    /** The temporary key being generated ahead of its step. */
    CompletableFuture<SshKeyPair> temporaryKey;
    String keyName;
    Secret privateKey;
    List<String> securityGroupIds = List.of();
    String instanceId;
    String host;
    Communicator communicator;
    final Map<String, String> amis = Collections.synchronizedMap(new TreeMap<>());
    final Map<String, List<String>> snapshots = Collections.synchronizedMap(new TreeMap<>());

    EbsState(AmazonEbs config, BuildContext context, Ec2Clients clients) {
        this.config = config;
        this.context = context;
        this.clients = clients;
        this.creation = new Creation(config, context);
    }

    /** The build region's client. */
    Ec2Client ec2() {
        return clients.forRegion(config.region());
    }

    /** The build region. */
    String region() {
        return config.region();
    }

    /**
     * What the build knows of its resolved source AMI, for the tags and description computed from it; null when
     * nothing is computed from it and capture, which runs apart from launch, has not looked it up.
     */
    BuildData buildData() {
        if (sourceImage == null) {
            if (config.usesBuildData()) {
                throw new IllegalStateException("the source AMI is not resolved yet");
            }
            return null;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        sourceImage.tags().forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
        return new BuildData(region(), sourceImage.imageId(), sourceImage.creationDate(), sourceImage.name(),
                sourceImage.ownerId(), sourceImage.imageOwnerAlias(), tags);
    }

    /** Registers an undo that always runs; its EC2 errors become {@link dev.kiln.aws.AmazonEbsException}s. */
    Cleanup onCleanup(String description, Undo undo) {
        return context.onCleanup(description, AwsErrors.undo(description, undo));
    }

    /**
     * Registers an undo that runs in cleanup and may record on its own {@link Cleanup} what it finds, such as what
     * a create call made when its answer was lost.
     */
    Cleanup onCleanup(String description, TrackingUndo undo) {
        AtomicReference<Cleanup> self = new AtomicReference<>();
        self.set(onCleanup(description, () -> undo.run(self.get())));
        return self.get();
    }

    /** An undo that is handed its own {@link Cleanup}, to track what it finds. */
    @FunctionalInterface
    interface TrackingUndo {
        /** Undoes the step, tracking on {@code self} each resource it finds. */
        void run(Cleanup self) throws Exception;
    }

    /** Registers an undo that runs when the build fails; its EC2 errors become AmazonEbsExceptions. */
    Cleanup onFailure(String description, Undo undo) {
        return context.onFailure(description, AwsErrors.undo(description, undo));
    }

    /** Records a resource on an undo, the moment its id is known. Safe from several threads. */
    void track(Cleanup cleanup, String type, String id, String region) {
        synchronized (cleanup) {
            cleanup.track(new Resource(type, id, region));
        }
    }

    /** The resources made so far, for error messages. */
    List<String> resources() {
        List<String> out = new ArrayList<>();
        if (keyName != null && config.keyPair().isTemporary()) {
            out.add("key-pair " + keyName);
        }
        if (config.securityGroupIds().isEmpty()) {
            securityGroupIds.forEach(id -> out.add("security-group " + id));
        }
        if (instanceId != null) {
            out.add("instance " + instanceId);
        }
        synchronized (amis) {
            amis.forEach((region, id) -> out.add("image " + id + " in " + region));
        }
        return out;
    }
}
