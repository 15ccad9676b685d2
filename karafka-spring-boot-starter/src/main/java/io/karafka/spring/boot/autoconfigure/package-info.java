/**
 * The starter's auto-configuration: exclude a class here, or declare a bean of the same type, to
 * take its part over.
 */
package io.karafka.spring.boot.autoconfigure;
