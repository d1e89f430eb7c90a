/**
 * From a pipeline file to a validated, planned {@link dev.quiver.runtime.pipeline.Pipeline}:
 * {@link dev.quiver.runtime.plan.PipelineLoader} is the entry point, {@link dev.quiver.runtime.plan.PipelineContext}
 * the {@link dev.quiver.api.PluginContext} factories receive. The steps live in {@code internal}.
 */
package dev.quiver.runtime.plan;
