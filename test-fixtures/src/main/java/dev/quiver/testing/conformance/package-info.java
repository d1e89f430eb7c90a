/**
 * Conformance kits: abstract test classes a plugin's tests extend to check the contract every source, sink,
 * transform, classifier, regressor, clusterer, loss, optimizer or metric must keep. Optional features are
 * declared with capability flags ({@link dev.quiver.testing.conformance.LossCapability},
 * {@link dev.quiver.testing.conformance.OptimizerCapability}); a kit checks that a feature left out is refused
 * with a clear message rather than skipped.
 */
package dev.quiver.testing.conformance;
