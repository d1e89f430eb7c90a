/**
 * Hot loops: parallel matrix products (SIMD through the Vector API when available, scalar otherwise), with a
 * deterministic split of output rows between cores so results are bit-identical run to run.
 */
package dev.quiver.engine.kernel;
