/** LocalEc2's implementation details: not API, may change in any release. */
package dev.kiln.testkit.ec2.internal.keys;
