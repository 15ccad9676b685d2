/**
 * The {@link io.karafka.interchange.Interchanger} port: params to a job-safe string and back
 * (the default JSON one, in {@code karafka-json}, keeps binary payloads and headers intact).
 */
package io.karafka.interchange;
