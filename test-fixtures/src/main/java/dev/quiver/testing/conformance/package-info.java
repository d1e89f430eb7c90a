/**
 * Conformance kits: abstract test classes a plugin's tests extend to check the contract every source, sink,
 * transform or classifier must keep.
 */
package dev.quiver.testing.conformance;
