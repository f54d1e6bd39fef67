/**
 * The example scenarios built into carpsim ({@code carpsim demo}): the seed documents'
 * configuration examples, run as written.
 */
package org.carpsim.scenario.examples;
