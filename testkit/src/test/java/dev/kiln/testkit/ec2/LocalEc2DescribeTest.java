package dev.kiln.testkit.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.TagDescription;

/** Describe calls: networks, regions, tags, image owners and launch permissions, through the SDK client. */
class LocalEc2DescribeTest {
    static LocalEc2 ec2;
    static Ec2Client client;

    @BeforeAll
    static void start() {
        ec2 = LocalEc2.builder()
                .baseImage(BaseImage.builder().id("ami-0123456789abcdef0").name("debian-10-amd64-20201207")
                        .ownerId("136693071363").defaultUser("admin").build())
                .start();
        client = Ec2Clients.client(ec2, "ap-southeast-2");
    }

    @AfterAll
    static void stop() {
        client.close();
        ec2.close();
    }

    @Test
    void everyRegionHasADefaultVpcAndSubnet() {
        assertThat(client.describeRegions().regions()).extracting(r -> r.regionName())
                .containsAll(List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"));
        var vpc = client.describeVpcs(r -> r.filters(f -> f.name("isDefault").values("true"))).vpcs().get(0);
        assertThat(vpc.isDefault()).isTrue();
        var subnet = client.describeSubnets(r -> r.filters(f -> f.name("vpc-id").values(vpc.vpcId()))).subnets().get(0);
        assertThat(subnet.defaultForAz()).isTrue();
        assertThat(subnet.availabilityZone()).isEqualTo("ap-southeast-2a");
        assertThat(client.describeAvailabilityZones().availabilityZones()).extracting(z -> z.zoneName())
                .containsExactly("ap-southeast-2a", "ap-southeast-2b", "ap-southeast-2c");
        assertThat(client.describeSecurityGroups(r -> r.filters(f -> f.name("group-name").values("default")))
                .securityGroups()).singleElement().satisfies(g -> assertThat(g.vpcId()).isEqualTo(vpc.vpcId()));
    }

    @Test
    void imagesAreFoundByOwnerAliasNameWildcardAndLaunchPermission() {
        assertThat(ids(client.describeImages(r -> r.owners("amazon")).images())).containsExactly("ami-0e6d2e8684d4ccb3e");
        assertThat(ids(client.describeImages(r -> r.owners("099720109477")).images())).containsExactly("ami-aa2ea6d0");
        assertThat(ids(client.describeImages(r -> r.filters(f -> f.name("name").values("debian-??-amd64-*"))).images()))
                .containsExactly("ami-0123456789abcdef0");
        assertThat(client.describeImages(r -> r.owners("self")).images()).isEmpty();
        assertThat(ids(client.describeImages(r -> r.executableUsers("all")).images())).hasSize(3);

        String id = client.runInstances(r -> r.imageId("ami-0123456789abcdef0").minCount(1).maxCount(1)).instances().get(0).instanceId();
        Ec2Clients.waiter(client).waitUntilInstanceRunning(r -> r.instanceIds(id));
        String image = client.createImage(r -> r.instanceId(id).name("shared-image")).imageId();
        client.modifyImageAttribute(r -> r.imageId(image).launchPermission(l -> l.add(p -> p.userId("111122223333"))));
        assertThat(ids(client.describeImages(r -> r.executableUsers("111122223333")).images())).contains(image).hasSize(4);
        assertThat(ids(client.describeImages(r -> r.executableUsers("all")).images())).doesNotContain(image);
        assertThat(ids(client.describeImages(r -> r.owners("self").filters(f -> f.name("state").values("pending", "available")))
                .images())).containsExactly(image);
        client.terminateInstances(r -> r.instanceIds(id));
    }

    @Test
    void tagsAreAddedListedFilteredAndRemoved() {
        String group = client.createSecurityGroup(r -> r.groupName("tagged").description("d")).groupId();
        client.createTags(r -> r.resources(group).tags(t -> t.key("team").value("web"), t -> t.key("env").value("ci")));
        List<TagDescription> tags = client.describeTags(r -> r.filters(f -> f.name("resource-id").values(group))).tags();
        assertThat(tags).extracting(TagDescription::key, TagDescription::value, TagDescription::resourceTypeAsString)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "web", "security-group"),
                        org.assertj.core.groups.Tuple.tuple("env", "ci", "security-group"));
        assertThat(client.describeSecurityGroups(r -> r.filters(f -> f.name("tag:team").values("w*"))).securityGroups())
                .extracting(g -> g.groupId()).containsExactly(group);
        assertThat(client.describeSecurityGroups(r -> r.filters(f -> f.name("tag-key").values("env"))).securityGroups())
                .hasSize(1);
        client.deleteTags(r -> r.resources(group).tags(t -> t.key("team")));
        assertThat(client.describeTags(r -> r.filters(f -> f.name("resource-id").values(group))).tags())
                .extracting(TagDescription::key).containsExactly("env");
        client.deleteSecurityGroup(r -> r.groupId(group));
    }

    private static List<String> ids(List<Image> images) {
        return images.stream().map(Image::imageId).toList();
    }
}
