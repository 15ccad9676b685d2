/**
 * The command line of an application (the original framework's {@code karafka} command):
 * {@link io.karafka.cli.KarafkaCli} runs {@code help}, {@code routes}, {@code flow}, {@code info},
 * {@code server}, {@code worker}, {@code console} and {@code install} from the application's own
 * {@code main}; exit codes 0, 1, 2 and 78 (invalid settings or routes).
 */
package io.karafka.cli;
