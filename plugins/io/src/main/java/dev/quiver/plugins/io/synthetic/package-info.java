/** The {@code synthetic} source: generated tables with a known linear ground truth, for tests and benchmarks. */
package dev.quiver.plugins.io.synthetic;
