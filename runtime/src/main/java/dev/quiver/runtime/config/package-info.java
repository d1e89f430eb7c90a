/**
 * Pipeline files as located values: {@link dev.quiver.runtime.config.SafeYaml} reads YAML safely into a
 * {@link dev.quiver.runtime.config.ConfigNode} tree whose every value knows its {@code file:line:column} and key
 * path, {@link dev.quiver.runtime.config.Overrides} applies {@code --set}, and
 * {@link dev.quiver.runtime.config.YamlConfig} is the {@link dev.quiver.api.config.Config} plugins read, recording
 * each mistake in a shared {@link dev.quiver.runtime.config.Problems}. Nothing here knows what a pipeline
 * contains; that is {@code dev.quiver.runtime.plan}.
 */
package dev.quiver.runtime.config;
