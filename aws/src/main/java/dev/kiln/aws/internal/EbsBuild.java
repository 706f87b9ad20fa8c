package dev.kiln.aws.internal;

import dev.kiln.aws.AmazonEbs;
import dev.kiln.aws.AmazonEbsException;
import dev.kiln.aws.AmiArtifact;
import dev.kiln.core.Secret;
import dev.kiln.core.builder.Artifact;
import dev.kiln.core.builder.BuildContext;
import dev.kiln.core.builder.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs the amazon-ebs steps of one build in Packer's order, except that the launch's read-only calls (AMI name,
 * source AMI, subnet) are sent together as it starts ({@link PreLaunchLookups}) while the temporary key is generated
 * ({@link TemporaryKeys}), the security group is made before the key pair (so the group's calls overlap the key's
 * generation too) and the source instance is terminated as soon as its AMI is available instead of at cleanup.
 * {@link #launch} and {@link #capture} are separate calls of the runner; each opens its own EC2 clients and
 * registers their closing first, so they close after every undo that uses them.
 */
public final class EbsBuild {
    private final AmazonEbs config;
    private final BuildContext context;

    public EbsBuild(AmazonEbs config, BuildContext context) {
        this.config = config;
        this.context = context;
    }

    /** Looks for an available AMI with this build's fingerprint in every region of the build. */
    public Optional<Artifact> findExisting() throws Exception {
        redactSecrets();
        TemporaryKeys.prepare(config);
        try (Ec2Clients clients = new Ec2Clients(config)) {
            EbsState state = new EbsState(config, context, clients);
            ExistingImage find = new ExistingImage();
            run(find, state);
            return find.found().map(a -> (Artifact) a);
        }
    }

    /** Launches the source instance and connects to it. */
    public Machine launch() throws Exception {
        redactSecrets();
        EbsState state = open();
        state.temporaryKey = TemporaryKeys.take(config);
        state.lookups = PreLaunchLookups.start(state);
        try {
            for (Step step : List.of(new PreValidateAmiName(), new ResolveSourceAmi(), new ResolveNetwork(),
                    new CreateSecurityGroup(), new CreateKeyPair(), new RunSourceInstance(), new ConnectSsh())) {
                run(step, state);
            }
        } catch (Exception | Error e) {
            state.lookups.cancel();
            throw e;
        }
        return new Machine(state.instanceId, state.host, state.communicator);
    }

    /** Stops the provisioned instance and makes the AMIs. */
    public Artifact capture(Machine machine) throws Exception {
        EbsState state = open();
        state.instanceId = machine.id();
        state.host = machine.host();
        if (config.skipCreateImage()) {
            context.say("Skipping AMI creation...");
            return AmiArtifact.builder().build();
        }
        List<Step> steps = new ArrayList<>(List.of(new StopSourceInstance(), new ForceDeregister(), new CreateImage(),
                new TerminateSourceInstance(), new CopyImage(), new SetImageAttributes(), new TagImages()));
        if (config.usesBuildData()) {
            steps.add(0, new DescribeSourceImage());
        }
        for (Step step : steps) {
            run(step, state);
        }
        AmiArtifact.Builder artifact = AmiArtifact.builder();
        synchronized (state.amis) {
            state.amis.forEach((region, id) -> artifact.putAmi(region, id, state.snapshots.getOrDefault(region, List.of())));
        }
        return artifact.build();
    }

    private EbsState open() {
        Ec2Clients clients = new Ec2Clients(config);
        context.onCleanup("Closing EC2 clients", clients::close);
        return new EbsState(config, context, clients);
    }

    private void redactSecrets() {
        config.credentials().secrets().forEach(context::redact);
        Secret key = config.keyPair().privateKey();
        if (key != null) {
            context.redact(key);
        }
    }

    private void run(Step step, EbsState state) throws Exception {
        context.step(step.name(), () -> {
            try {
                step.run(state);
            } catch (AwsServiceException e) {
                throw AwsErrors.failure(step.name(), state.resources(), e);
            } catch (SdkException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw (InterruptedException) new InterruptedException("cancelled during " + step.name()).initCause(e);
                }
                throw new AmazonEbsException(step.name(), state.resources(), null, null, e.getMessage(), e);
            } catch (AmazonEbsException e) {
                throw e;
            } catch (InterruptedException e) {
                throw (InterruptedException) new InterruptedException("cancelled during " + step.name()).initCause(e);
            } catch (RuntimeException e) {
                throw new AmazonEbsException(step.name(), state.resources(), null, null, e.getMessage(), e);
            }
            return null;
        });
    }
}
