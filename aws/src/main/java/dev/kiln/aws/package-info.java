/**
 * The amazon-ebs builder: {@link dev.kiln.aws.AmazonEbs} (configuration, validation, fingerprint, build),
 * {@link dev.kiln.aws.AmiArtifact} (the AMIs it made), {@link dev.kiln.aws.AmazonEbsJanitor} (removes what
 * killed builds left), and the small value types they take.
 *
 * <pre>{@code
 * ImageSpec spec = ImageSpec.builder("web")
 *     .source(AmazonEbs.builder().region("us-east-1").sourceAmi("ami-0abc...").instanceType("t3.micro")
 *         .sshUsername("ec2-user").amiName("web-" + timestamp).build())
 *     .provision(Provisioners.shell().inline("sudo yum install -y nginx").build())
 *     .build();
 * BuildResult result = Kiln.create().build(spec);
 * }</pre>
 */
package dev.kiln.aws;
