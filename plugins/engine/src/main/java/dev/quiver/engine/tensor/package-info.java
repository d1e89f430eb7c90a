/**
 * Dense float32 tensors with reverse-mode automatic differentiation: each op computes eagerly and owns its
 * local derivative; {@link dev.quiver.engine.tensor.Tensor#backward()} walks the graph in reverse topological
 * order. Buffers are reused step to step through a {@link dev.quiver.engine.tensor.Workspace}.
 */
package dev.quiver.engine.tensor;
