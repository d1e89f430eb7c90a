/** The distribution archive's end-to-end test: unpack it and run an example as a user would. */
package dev.quiver.distribution;
