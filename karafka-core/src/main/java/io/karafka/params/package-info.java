/**
 * A controller's view of a message: {@link io.karafka.params.Params} (parsed lazily by the
 * route's parser, metadata, additions from callbacks, typed getters that never change a value)
 * and {@link io.karafka.params.RawParams}, what a job carries.
 */
package io.karafka.params;
