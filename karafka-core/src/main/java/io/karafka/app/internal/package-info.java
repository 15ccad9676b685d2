/**
 * Internal: how the app's routes are resolved and its controllers run (route resolution,
 * {@code ControllerRunner}, the job performer) and the configuration check the settings
 * builders share. Not exported, except to Karafka's own inline queue and JDBC adapter; an
 * application never needs it.
 */
package io.karafka.app.internal;
