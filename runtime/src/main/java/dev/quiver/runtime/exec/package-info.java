/**
 * The executor: runs a validated {@link dev.quiver.runtime.pipeline.Pipeline} stage by stage (data and split,
 * transform fitting, training, evaluation, writing) with an Arrow allocator and a span per stage, and saves the
 * run folder atomically. {@link dev.quiver.runtime.exec.Executor} is the entry point; {@code internal} holds its
 * parts and is not API.
 */
package dev.quiver.runtime.exec;
