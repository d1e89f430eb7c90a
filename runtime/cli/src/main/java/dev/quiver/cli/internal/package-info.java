/** The command line's helpers: telemetry setup, data files, JSON output and progress; not API. */
package dev.quiver.cli.internal;
