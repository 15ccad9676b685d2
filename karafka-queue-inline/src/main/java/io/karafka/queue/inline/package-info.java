/**
 * A job queue that performs jobs at once in the consuming process:
 * {@link io.karafka.queue.inline.InlineJobQueue}.
 */
package io.karafka.queue.inline;
