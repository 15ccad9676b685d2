/**
 * The {@link io.karafka.parse.Parser} port (payload bytes to a value and back) and
 * {@link io.karafka.parse.ParserException}; a failed parse never stops consumption.
 */
package io.karafka.parse;
