/** The protobuf side of ONNX export: not API. */
package dev.quiver.runtime.export.internal;
