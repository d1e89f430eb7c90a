/**
 * Export SPI: a fitted transform or model that implements {@link dev.quiver.api.export.OnnxExportable} describes
 * itself as ONNX nodes on an {@link dev.quiver.api.export.OnnxGraph} the runtime gives it. Plugins name operators
 * and tensors only; the runtime owns the protobuf, the inputs, the metadata and the file, so no plugin depends on
 * an ONNX library.
 */
package dev.quiver.api.export;
