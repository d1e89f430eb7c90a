/**
 * Export of a saved run to portable formats: {@link dev.quiver.runtime.export.OnnxExport} assembles one ONNX
 * graph from the fitted transforms and model, each describing itself through the api's
 * {@link dev.quiver.api.export.OnnxExportable}.
 */
package dev.quiver.runtime.export;
