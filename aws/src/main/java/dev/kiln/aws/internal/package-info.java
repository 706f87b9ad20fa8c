/**
 * Not API: the amazon-ebs build's steps (one class each, its undo registered as it begins), EC2 clients,
 * waits, tags, bounded retries and the janitor's sweep. May change without notice.
 */
package dev.kiln.aws.internal;
