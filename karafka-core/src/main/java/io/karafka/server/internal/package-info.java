/**
 * Internal: the dispatcher that turns a source's batches into performs and jobs. Not exported;
 * a test hands batches to it through the test kit's {@code InMemoryMessageSource}.
 */
package io.karafka.server.internal;
