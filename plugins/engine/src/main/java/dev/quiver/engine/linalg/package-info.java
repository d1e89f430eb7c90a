/** Double-precision linear algebra for closed-form fits: least squares by a streamed Givens QR. */
package dev.quiver.engine.linalg;
