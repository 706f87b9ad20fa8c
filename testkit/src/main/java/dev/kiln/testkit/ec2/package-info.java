/**
 * LocalEc2: a local EC2 (the Query API over HTTP on 127.0.0.1) whose instances are local SSH machines, with
 * faults on demand, a call log and a leak check, for testing image builds without an AWS account.
 */
package dev.kiln.testkit.ec2;
