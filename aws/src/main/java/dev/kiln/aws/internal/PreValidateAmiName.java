package dev.kiln.aws.internal;

import dev.kiln.aws.AmazonEbsException;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Fails early when one of the account's own AMIs already has the name (unless force-deregister is on); the call went
 * out with the other {@link PreLaunchLookups}.
 */
final class PreValidateAmiName implements Step {
    @Override
    public String name() {
        return "pre-validate AMI name";
    }

    @Override
    public void run(EbsState s) throws InterruptedException {
        if (s.config.skipCreateImage()) {
            return;
        }
        if (s.config.forceDeregister()) {
            s.context.say("Force Deregister flag found, skipping prevalidating AMI Name");
            return;
        }
        s.context.say("Prevalidating AMI Name: " + s.config.amiName());
        List<Image> taken = s.lookups.sameName();
        if (!taken.isEmpty()) {
            throw new AmazonEbsException(name(), List.of(), null, null, "AMI name '" + s.config.amiName()
                    + "' is used by an existing AMI: " + taken.stream().map(Image::imageId).collect(Collectors.joining(", "))
                    + "; choose another amiName or set forceDeregister(true)", null);
        }
    }
}
