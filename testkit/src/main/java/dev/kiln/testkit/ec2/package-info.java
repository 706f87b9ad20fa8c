/**
 * LocalEc2: a local EC2 (the Query API over HTTP on 127.0.0.1) whose instances are local SSH machines, with
 * faults on demand, a call log and a leak check, for testing image builds without an AWS account. It refuses what
 * EC2 refuses (unknown regions and instance types, images outside their regions, ed25519 key pairs for Windows,
 * keys EC2 does not import, bad paging parameters) with EC2's error codes: see {@link dev.kiln.testkit.ec2.LocalEc2}.
 */
package dev.kiln.testkit.ec2;
